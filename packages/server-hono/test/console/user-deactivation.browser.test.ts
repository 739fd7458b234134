import type { Actor } from '@switchboard/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AcmeApp, acmeApp } from '../support/acme-app.js';
import {
  hasChromium,
  launchChromium,
  type ServedConsole,
  saveScreenshot,
  screenshotFailures,
  serveConsole,
  signedInConsole,
} from '../support/console-harness.js';

const alanPassword = 'alan turing 1912!';

// An admin deactivates a user in Manage Users (U9), after confirming: the row shows a
// deactivated badge, the user's open console is signed out at once and their password no
// longer signs in; the status filter lists each status from the API; reactivating lets the
// user back in. The edit-conflict rule (C1) and the "not yourself" rule hold here too.
describe.runIf(hasChromium || process.env.CI === 'true')('console: deactivating users', () => {
  let t: AcmeApp;
  let served: ServedConsole;
  let browser: Browser;
  let ada: Page; // the account's admin
  let alan: Page; // a member, signed in in a browser of his own
  let admin: Actor;
  let alanId: string;
  let graceId: string;

  const usersTable = () => ada.getByRole('table', { name: 'Users' });
  const row = (email: string) => usersTable().locator(`tr[data-user="${email}"]`);
  const emails = () =>
    usersTable()
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((tr) => tr.getAttribute('data-user')));
  const statusFilter = () => ada.getByRole('combobox', { name: 'Show users by status' });
  const status = async (id: string) => (await t.sb.users.get(admin, id)).status;

  async function add(firstName: string, lastName: string, email: string): Promise<string> {
    const response = await t.call('POST', '/v1/users', { body: { firstName, lastName, email } });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  }

  async function signIn(page: Page, email: string, password: string) {
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  beforeAll(async () => {
    t = await acmeApp();
    const me = (await (await t.call('GET', '/v1/me')).json()) as { id: string };
    admin = await t.sb.identity.actorFor(me.id);
    alanId = await add('Alan', 'Turing', 'alan@acme.test');
    await t.sb.mail.idle();
    const link = t.sent.find((mail) => mail.to === 'alan@acme.test')?.text.match(/\S+token=\S+/);
    const token = new URL(link?.[0] ?? 'http://x').searchParams.get('token') ?? '';
    const alanSession = await t.sb.identity.activate({ token, password: alanPassword });
    graceId = await add('Grace', 'Hopper', 'grace@acme.test'); // pending: never activates

    served = await serveConsole(t.app);
    browser = await launchChromium();
    ada = await signedInConsole(browser, served.baseUrl, t.adminToken);
    await usersTable().waitFor();
    alan = await signedInConsole(browser, served.baseUrl, alanSession.token);
    await alan.getByRole('heading', { name: 'Account Information' }).waitFor();
  }, 60_000);

  screenshotFailures(() => ada, 'deactivation');

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await t?.sb.close();
  });

  it('deactivates after the confirmation: a badge, and the user is signed out at once', async () => {
    await ada.getByRole('button', { name: 'Deactivate Alan Turing' }).click();
    const confirm = ada.getByRole('dialog', { name: 'Deactivate Alan Turing?' });
    await confirm.waitFor();
    expect(await confirm.textContent()).toMatch(/signed out at once/);
    await saveScreenshot(ada, '40-deactivate-confirm');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await status(alanId)).toBe('active');

    await ada.getByRole('button', { name: 'Deactivate Alan Turing' }).click();
    await confirm.getByRole('button', { name: 'Yes, deactivate' }).click();
    await ada
      .getByRole('status')
      .filter({ hasText: 'Deactivated Alan Turing: they can no longer sign in.' })
      .waitFor();
    await row('alan@acme.test').getByText('deactivated', { exact: true }).waitFor();
    expect(await status(alanId)).toBe('deactivated');
    // Reactivate instead of Deactivate; no password reset for someone who cannot sign in.
    expect(await ada.getByRole('button', { name: 'Reactivate Alan Turing' }).count()).toBe(1);
    expect(await ada.getByRole('button', { name: 'Reset password of Alan Turing' }).count()).toBe(
      0,
    );
    await saveScreenshot(ada, '41-deactivated-badge');

    // Alan's console, open all along: its next request is refused and he is signed out.
    await alan.getByRole('link', { name: 'Phone Numbers' }).click();
    await alan.getByRole('button', { name: 'Sign in' }).waitFor();
    await signIn(alan, 'alan@acme.test', alanPassword);
    await alan
      .getByRole('alert')
      .filter({ hasText: /email or password/i })
      .waitFor();
    await saveScreenshot(alan, '42-deactivated-user-signed-out');
  });

  it('offers no Deactivate for yourself, and shows the refusal if asked anyway', async () => {
    expect(
      await row('ada@acme.test')
        .getByRole('button', { name: /^Deactivate/ })
        .count(),
    ).toBe(0);
    // A page that embeds <sb-users> without telling it who is signed in shows the button.
    await ada.evaluate(() => {
      const panel = document.querySelector('sb-console')?.shadowRoot?.querySelector('sb-users');
      if (panel) (panel as unknown as { me: unknown }).me = undefined;
    });
    await ada.getByRole('button', { name: 'Deactivate Ada Lovelace' }).click();
    await ada
      .getByRole('dialog', { name: 'Deactivate Ada Lovelace?' })
      .getByRole('button', { name: 'Yes, deactivate' })
      .click();
    const refusal = row('ada@acme.test').getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('You cannot deactivate yourself');
    expect(await status(admin.userId)).toBe('active');
    await saveScreenshot(ada, '43-deactivate-yourself-refused');
    await ada.reload();
    await usersTable().waitFor();
  });

  it('filters the list by status, asking the API (GET /v1/users?status=)', async () => {
    const asked = ada.waitForRequest(
      (request) => new URL(request.url()).searchParams.get('status') === 'deactivated',
    );
    await statusFilter().selectOption({ label: 'Deactivated users' });
    await asked;
    await expect.poll(emails).toEqual(['alan@acme.test']);
    await saveScreenshot(ada, '44-filter-deactivated');
    await statusFilter().selectOption({ label: 'Pending users' });
    await expect.poll(emails).toEqual(['grace@acme.test']);
    await statusFilter().selectOption({ label: 'Active users' });
    await expect.poll(emails).toEqual(['ada@acme.test']);

    // The search narrows within the status.
    await statusFilter().selectOption({ label: 'Deactivated users' });
    await expect.poll(emails).toEqual(['alan@acme.test']);
    const search = ada.getByRole('searchbox', { name: 'Search users' });
    await search.fill('gr');
    await ada.getByText("No deactivated user's name or email starts with “gr”.").waitFor();
    await search.fill('');
    await expect.poll(emails).toEqual(['alan@acme.test']);

    // Deleting from a filtered list still gives the numbers to you by default (U5).
    await ada.getByRole('button', { name: 'Delete Alan Turing' }).click();
    const remove = ada.getByRole('dialog', { name: 'Delete Alan Turing?' });
    const heirs = remove.getByLabel('Phone numbers go to');
    // The choices come from all users, not the filtered list: you first, no deactivated user.
    await expect
      .poll(async () => (await heirs.locator('option').allTextContents()).map((s) => s.trim()))
      .toEqual(['Ada Lovelace', 'Grace Hopper']);
    expect((await heirs.locator('option:checked').textContent())?.trim()).toBe('Ada Lovelace');
    await remove.getByRole('button', { name: 'Cancel' }).click();
  });

  it('reactivates after the confirmation; the user signs in again', async () => {
    await ada.getByRole('button', { name: 'Reactivate Alan Turing' }).click();
    const confirm = ada.getByRole('dialog', { name: 'Reactivate Alan Turing?' });
    await confirm.waitFor();
    await saveScreenshot(ada, '45-reactivate-confirm');
    await confirm.getByRole('button', { name: 'Yes, reactivate' }).click();
    await ada
      .getByRole('status')
      .filter({ hasText: 'Reactivated Alan Turing: they can sign in again.' })
      .waitFor();
    await ada.getByText('No deactivated users.').waitFor(); // the filter still shows deactivated
    expect(await status(alanId)).toBe('active');
    await saveScreenshot(ada, '46-reactivated');

    await signIn(alan, 'alan@acme.test', alanPassword);
    await alan.getByRole('button', { name: 'Sign out' }).waitFor();
  });

  it('reactivates someone who never set a password as pending, with a new activation email', async () => {
    await t.sb.users.update(admin, graceId, { status: 'deactivated' });
    await statusFilter().selectOption({ label: 'All users' });
    await row('grace@acme.test').getByText('deactivated', { exact: true }).waitFor();
    await t.sb.mail.idle();
    const emailsBefore = t.sent.filter((mail) => mail.to === 'grace@acme.test').length;

    await ada.getByRole('button', { name: 'Reactivate Grace Hopper' }).click();
    await ada
      .getByRole('dialog', { name: 'Reactivate Grace Hopper?' })
      .getByRole('button', { name: 'Yes, reactivate' })
      .click();
    await ada
      .getByRole('status')
      .filter({ hasText: 'a new activation email is on its way to grace@acme.test' })
      .waitFor();
    await row('grace@acme.test').getByText('pending', { exact: true }).waitFor();
    await t.sb.mail.idle();
    expect(t.sent.filter((mail) => mail.to === 'grace@acme.test').length).toBe(emailsBefore + 1);
  });

  it('shows what changed since the list was loaded before deactivating (C1)', async () => {
    // Another admin (here, the API) changes Alan after Ada's list loaded.
    const changed = await t.call('PATCH', `/v1/users/${alanId}`, {
      body: { permissions: { canShare: true } },
    });
    expect(changed.status).toBe(200);

    await ada.getByRole('button', { name: 'Deactivate Alan Turing' }).click();
    await ada
      .getByRole('dialog', { name: 'Deactivate Alan Turing?' })
      .getByRole('button', { name: 'Yes, deactivate' })
      .click();
    const conflict = ada.getByRole('dialog', { name: /changed since the list was loaded/ });
    await conflict.waitFor();
    expect(await status(alanId)).toBe('active'); // nothing was sent over the change
    expect(await conflict.locator('tr[data-field="Can Share"] td').allTextContents()).toEqual([
      'Can Share',
      'No',
      'Yes',
      'not edited',
    ]);
    expect(await conflict.locator('tr[data-field="Status"] td').allTextContents()).toEqual([
      'Status',
      'Active',
      'Active',
      'Deactivated',
    ]);
    await saveScreenshot(ada, '47-deactivate-conflict');

    await conflict.getByRole('button', { name: 'Deactivate anyway' }).click();
    await ada.getByRole('status').filter({ hasText: 'Deactivated Alan Turing' }).waitFor();
    const now = await t.sb.users.get(admin, alanId);
    expect(now.status).toBe('deactivated');
    expect(now.permissions.canShare).toBe(true); // the other admin's change stays
  });
});
