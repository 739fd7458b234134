import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSwitchboardApp } from '../../src/create-switchboard-app.js';
import { hasChromium, launchChromium, saveScreenshot } from '../support/console-harness.js';
import { type InMemorySwitchboard, inMemorySwitchboard } from '../support/in-memory-switchboard.js';

describe.runIf(hasChromium || process.env.CI === 'true')('the API reference at /docs', () => {
  let t: InMemorySwitchboard;
  let server: ServerType;
  let baseUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    t = inMemorySwitchboard();
    await t.sb.migrate();
    const app = createSwitchboardApp(t.sb);
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await t?.sb.close();
  });

  it('renders the document from the served files alone: no request leaves the server', {
    timeout: 60_000,
  }, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(`${baseUrl}/`) && !/^(data|blob):/.test(url)) elsewhere.push(url);
    });
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));
    await page.goto(`${baseUrl}/docs`);
    await page.getByRole('heading', { name: 'Switchboard API', exact: true }).waitFor();
    await page.getByText('/healthz').first().waitFor();
    for (const tag of ['Auth', 'Account', 'Users', 'Phone numbers', 'Integrations']) {
      await page.getByText(tag, { exact: true }).first().waitFor();
    }
    await page.waitForTimeout(1_000); // what the page fetches once it shows the document
    await saveScreenshot(page, '30-api-reference');
    expect(elsewhere).toEqual([]);
    expect(failures).toEqual([]);
    await page.close();
  });
});
