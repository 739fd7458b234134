import { operatorActor } from '@switchboard/core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConsoleHarness,
  chromiumPath,
  hasChromium,
  linkIn,
  startConsoleHarness,
} from '../support/console-harness.js';
import { startTicketStore, ticketStoreService } from '../support/ticket-store-service.js';

const runBrowserTests = hasChromium || process.env.CI === 'true';
if (!runBrowserTests) {
  console.warn(`Skipping the fourth-service browser test: no Chromium at ${chromiumPath}`);
}

/**
 * The console's Add Integration form is drawn from the services the server registers: a
 * fourth one, registered in one line, is offered with its own fields and added (issue 18).
 */
describe.runIf(runBrowserTests)('a fourth integration service in the console (I1)', () => {
  let h: ConsoleHarness;
  let page: Page;
  let store: Awaited<ReturnType<typeof startTicketStore>>;
  const apiKey = 'ticket-store-key-0123456789';
  const admin = { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@tickets.test' };

  beforeAll(async () => {
    store = await startTicketStore(apiKey);
    h = await startConsoleHarness({ integrationServices: [ticketStoreService] });
    await h.switchboard.operator.createAccount(operatorActor(), {
      companyName: 'Ticket Co',
      admin,
    });
    page = await h.newPage();
    const link = linkIn(await h.mailTo(admin.email), `${h.baseUrl}/activate?token=`);
    await page.goto(link);
    await page.getByLabel('New password', { exact: true }).fill('correct horse battery staple');
    await page.getByLabel('Repeat the password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Activate' }).click();
    await page.waitForURL(`${h.baseUrl}/console`);
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
    await store?.stop();
  });

  it('offers it with its own fields, and adds it after checking the key', async () => {
    await page.getByRole('link', { name: 'Integrations' }).click();
    await page.getByRole('button', { name: 'Add Integration' }).click();
    const dialog = page.getByRole('dialog');
    const select = dialog.getByLabel('Select Service');
    expect(await select.locator('option').allTextContents()).toContain('Ticket store');
    await select.selectOption('ticket-store');
    await dialog.getByLabel('Name').fill('Support tickets');
    await dialog.getByLabel('Store URL').fill(store.url);
    await dialog.getByLabel('API key').fill(apiKey);
    // The AWS fields of the built-in services are not asked for.
    expect(await dialog.getByLabel(/access key ID/).count()).toBe(0);
    await h.screenshot(page, '40-add-fourth-service');
    await dialog.getByRole('button', { name: 'Add' }).click();
    const row = page
      .getByRole('table', { name: 'Integrations' })
      .locator('tr[data-integration="Support tickets"]');
    await row.waitFor();
    expect(await row.getByText('working').count()).toBe(1);
    expect(await page.getByRole('table', { name: 'Integrations' }).textContent()).not.toContain(
      apiKey,
    );
    await h.screenshot(page, '41-fourth-service-added');
  });
});
