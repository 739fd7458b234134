import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import type { Actor } from '@switchboard/core';
import { operatorActor } from '@switchboard/core';
import { Hono } from 'hono';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleApp } from '../../src/console/create-console-app.js';
import { createSwitchboardApp } from '../../src/create-switchboard-app.js';
import { hasChromium, launchChromium, saveScreenshot } from '../support/console-harness.js';
import { type InMemorySwitchboard, inMemorySwitchboard } from '../support/in-memory-switchboard.js';

// A host app with its own API keys embeds one console screen in a page of its own, with
// no bundler: the page imports the elements and a client from the console's bundle and
// gives the client the host's credentials.
const teamPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Our team</title></head>
<body>
<h1>Our team</h1>
<sb-users></sb-users>
<script type="module">
  import { createClient, defineConsoleElements } from './admin/console/assets/switchboard-console.js';
  defineConsoleElements();
  const client = createClient({
    baseUrl: new URL('./admin', location.href).href,
    headers: { 'x-api-key': new URLSearchParams(location.search).get('key') ?? '' },
  });
  const users = document.querySelector('sb-users');
  users.me = await client.me.get();
  users.client = client;
</script>
</body></html>`;

// A host app that sends its own invitation emails knows whose login a link activates: its
// page tells the activation form, which names the login and offers it to password managers.
const invitationPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Join Host Co</title></head>
<body>
<sb-set-password purpose="activate"></sb-set-password>
<script type="module">
  import { createClient, defineConsoleElements } from './admin/console/assets/switchboard-console.js';
  defineConsoleElements();
  const form = document.querySelector('sb-set-password');
  form.client = createClient({ baseUrl: new URL('./admin', location.href).href });
  form.token = new URLSearchParams(location.search).get('token') ?? '';
  form.email = 'ada@host.test';
  form.company = 'Host Co';
</script>
</body></html>`;

describe.runIf(hasChromium || process.env.CI === 'true')('console elements in a host page', () => {
  let t: InMemorySwitchboard;
  let server: ServerType;
  let baseUrl: string;
  let browser: Browser;
  const actors = new Map<string, Actor>();

  beforeAll(async () => {
    t = inMemorySwitchboard();
    await t.sb.migrate();
    const created = await t.sb.operator.createAccount(operatorActor(), {
      companyName: 'Host Co',
      admin: { firstName: 'Hedy', lastName: 'Lamarr', email: 'hedy@host.test' },
    });
    actors.set('admin-key', await t.sb.identity.actorFor(created.admin.id));

    const host = new Hono();
    const authenticate = (request: Request) =>
      actors.get(request.headers.get('x-api-key') ?? '') ?? null;
    host.route('/admin', createSwitchboardApp(t.sb, { authenticate }));
    host.route('/admin', createConsoleApp());
    host.get('/team', (c) => c.html(teamPage));
    host.get('/join', (c) => c.html(invitationPage));
    server = serve({ fetch: host.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await t?.sb.close();
  });

  it('shows Manage Users with the host’s own authentication, and adds a user through it', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(8_000);
    await page.goto(`${baseUrl}/team?key=admin-key`);
    await page.getByRole('heading', { name: 'Manage Users' }).waitFor();
    await page.getByRole('button', { name: 'Add User' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('First Name').fill('Katherine');
    await dialog.getByLabel('Last Name').fill('Johnson');
    await dialog.getByLabel('Email Address').fill('katherine@host.test');
    await dialog.getByRole('button', { name: 'Add' }).click();
    const table = page.getByRole('table', { name: 'Users' });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(2);
    await saveScreenshot(page, '20-embedded-manage-users');
    const admin = actors.get('admin-key');
    if (!admin) throw new Error('no admin');
    expect((await t.sb.users.list(admin, { q: 'katherine' })).data).toHaveLength(1);
    await page.close();
  });

  it('gets 401 for the page’s calls when the host does not sign the caller in', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(8_000);
    const failed = page.waitForEvent('pageerror');
    await page.goto(`${baseUrl}/team?key=wrong`);
    expect((await failed).message).toMatch(/401|unauthenticated|Sign in first/i);
    await page.close();
  });

  it('names the login an activation form sets up, and gives password managers its email', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(8_000);
    await page.goto(`${baseUrl}/join?token=a-token-from-the-host`);
    await page.getByText('You are activating ada@host.test at Host Co.').waitFor();
    const username = page.getByLabel('Email address');
    expect(await username.inputValue()).toBe('ada@host.test');
    expect(await username.getAttribute('autocomplete')).toBe('username');
    expect(await username.getAttribute('readonly')).not.toBeNull();
    // The username comes before the new password, in the same form, as managers expect.
    const fields = await page
      .getByRole('form', { name: 'Activate your account' })
      .locator('input')
      .evaluateAll((inputs) => inputs.map((input) => input.getAttribute('autocomplete')));
    expect(fields).toEqual(['username', 'new-password', 'new-password']);
    await saveScreenshot(page, '21-embedded-activation');
    await page.close();
  });
});
