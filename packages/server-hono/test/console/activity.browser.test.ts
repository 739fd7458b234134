import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import type { PhoneNumber, User } from '@switchboard/contract';
import { newKeyRingEntry, operatorActor } from '@switchboard/core';
import { Hono } from 'hono';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleApp } from '../../src/console/create-console-app.js';
import { type AcmeApp, acmeApp } from '../support/acme-app.js';
import {
  hasChromium,
  launchChromium,
  saveScreenshot,
  screenshotFailures,
} from '../support/console-harness.js';

/** How the console shows a North American number: `+18005550100` → `+1 800 555 0100`. */
const spaced = (e164: string) => e164.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, '+1 $1 $2 $3');

// The Activity tab (E2, E3): an admin makes changes in the console, then reads them back
// as sentences, filters them, scrolls through a log longer than a page, exports it and
// sees whether it verifies.
describe.runIf(hasChromium || process.env.CI === 'true')('console: the Activity tab', () => {
  let t: AcmeApp;
  let server: ServerType;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let number: PhoneNumber;

  const tab = (name: string) => page.getByRole('link', { name, exact: true }).click();
  const timeline = () => page.getByRole('list', { name: 'Activity' });
  const events = () => timeline().locator('li.event');
  const sentences = () => timeline().locator('p.sentence').allTextContents();

  async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await t.call(method, path, { body });
    expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true);
    return (await response.json()) as T;
  }

  beforeAll(async () => {
    t = await acmeApp({ core: { secretKeys: newKeyRingEntry('k1') } });
    await api<User>('POST', '/v1/users', {
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace@acme.test',
    });
    const { id: accountId } = await api<{ id: string }>('GET', '/v1/account');
    await t.sb.operator.setDemo(operatorActor(), accountId, { demo: true });
    number = await api<PhoneNumber>('POST', '/v1/phone-numbers', { type: 'toll_free' });
    // More than two pages of older history, so that the timeline has to load on scrolling.
    for (let i = 0; i < 110; i++) await api('PATCH', '/v1/account', { city: `Springfield ${i}` });

    const host = new Hono();
    host.route('/', t.app);
    host.route('/', createConsoleApp());
    server = serve({ fetch: host.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    context.setDefaultTimeout(8_000);
    await context.addInitScript((session) => {
      sessionStorage.setItem('switchboard.session', session);
    }, t.adminToken);
    page = await context.newPage();
    await page.goto(`${baseUrl}/console`);
    await page.getByRole('table', { name: 'Users' }).waitFor();
  }, 60_000);

  screenshotFailures(() => page, 'activity');

  afterAll(async () => {
    await browser?.close();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    await t?.sb.close();
  });

  it('tells the admin’s changes as sentences, newest first, and that the log verifies', async () => {
    // Ada gives the number to Grace, and renames the city, in the console.
    await tab('Phone Numbers');
    const row = page.locator(`tr[data-number="${number.number}"]`);
    await row.getByLabel(`Owner of ${number.number}`, { exact: true }).selectOption({
      label: 'Grace Hopper',
    });
    await row.getByRole('button', { name: `Save owner of ${number.number}` }).click();
    await page.getByRole('status').filter({ hasText: 'now belongs to Grace Hopper' }).waitFor();
    await tab('Account Information');
    await page.getByLabel('City').fill('Boston');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    await tab('Activity');
    await page.getByText('Ada Lovelace changed the city of the account').first().waitFor();
    expect((await sentences()).slice(0, 3)).toEqual([
      'Ada Lovelace changed the city of the account',
      `Ada Lovelace changed the owner of ${spaced(number.number)} to Grace Hopper`,
      'Ada Lovelace changed the city of the account',
    ]);
    const newest = events().first();
    expect(await newest.locator('.details').textContent()).toBe('Changed: city · from 127.0.0.1');
    expect(await newest.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await timeline().getByRole('heading').first().textContent()).toBe('Today');
    await page.getByText(/^Log verified: \d+ events, untouched$/).waitFor();
    await saveScreenshot(page, '30-activity');
  });

  it('fits a 390 px wide phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await timeline().waitFor();
      await saveScreenshot(page, '30b-activity-narrow');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        390,
      );
    } finally {
      await page.setViewportSize({ width: 1100, height: 800 });
    }
  });

  it('filters by area and by person', async () => {
    await page.getByLabel('Area').selectOption({ label: 'Phone numbers' });
    await expect
      .poll(sentences)
      .toEqual([
        `Ada Lovelace changed the owner of ${spaced(number.number)} to Grace Hopper`,
        `Ada Lovelace requested ${spaced(number.number)}`,
      ]);
    await saveScreenshot(page, '31-activity-phone-numbers');

    await page.getByLabel('Area').selectOption({ label: 'Users' });
    await page.getByLabel('Person').selectOption({ label: 'Ada Lovelace' });
    await expect
      .poll(sentences)
      .toEqual(['Ada Lovelace added Grace Hopper', 'Ada Lovelace activated their login']);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(async () => (await sentences()).length).toBe(50);
  });

  it('loads older events as the admin scrolls to the end, down to the account’s opening', async () => {
    expect(await events().count()).toBe(50);
    await page.mouse.wheel(0, 20_000);
    await expect.poll(() => events().count()).toBeGreaterThan(50);
    for (let i = 0; i < 5 && (await page.getByText('opened the account').count()) === 0; i++) {
      await page.mouse.wheel(0, 40_000);
      await page.waitForTimeout(300);
    }
    const all = await sentences();
    expect(all.at(-1)).toBe('The platform operator opened the account');
    expect(all).toHaveLength(
      new Set(await events().evaluateAll((li) => li.map((e) => e.dataset.eventId))).size,
    );
    await saveScreenshot(page, '32-activity-scrolled');
  });

  it('exports the filtered events as CSV, and the whole log as NDJSON', async () => {
    await page.getByLabel('Area').selectOption({ label: 'Phone numbers' });
    await expect.poll(async () => (await sentences()).length).toBe(2);
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export', exact: true }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe('audit-events-phone_number.csv');
    const rows = (await readFile((await csv.path()) ?? '', 'utf8')).trimEnd().split('\r\n');
    expect(rows[0]).toMatch(/^id,at,action,actorType,actorId/);
    expect(rows.slice(1).map((r) => r.split(',')[2])).toEqual([
      'phone_number.requested',
      'phone_number.updated',
    ]);

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByLabel('Export format').selectOption('ndjson');
    const [ndjson] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export', exact: true }).click(),
    ]);
    expect(ndjson.suggestedFilename()).toMatch(/^audit-events-acc_\w+\.ndjson$/);
    const lines = (await readFile((await ndjson.path()) ?? '', 'utf8')).trimEnd().split('\n');
    const { checked } = await t.sb.audit.verify(await t.sb.identity.actorFor(number.ownerId));
    expect(lines).toHaveLength(checked);
    await page
      .getByRole('status')
      .filter({ hasText: `Downloaded ${ndjson.suggestedFilename()}` })
      .waitFor();
  });

  it('names the first broken event once someone edits the log behind its back', async () => {
    const newest = await t.sb.db
      .selectFrom('audit_events')
      .select(['id'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    await t.sb.db
      .updateTable('audit_events')
      .set({ changed_fields: '[]' })
      .where('id', '=', newest.id)
      .execute();
    await page.getByRole('button', { name: 'Check again' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'The log was changed' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain(newest.id);
    expect(await alert.textContent()).toContain('Ada Lovelace changed the city of the account');
    const marked = timeline().locator(`li.event.broken[data-event-id="${newest.id}"]`);
    expect(await marked.textContent()).toContain('The log does not verify from this event on.');
    await saveScreenshot(page, '33-activity-broken');
  });
});
