import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import type { User } from '@switchboard/contract';
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

// Two admins, each in a browser context of their own, edit the same user in the console
// (C1): the later save is not a silent overwrite. And creating is once per form (C2).
describe.runIf(hasChromium || process.env.CI === 'true')('console: editing concurrently', () => {
  let t: AcmeApp;
  let server: ServerType;
  let baseUrl: string;
  let browser: Browser;
  let ada: Page; // the account's first admin
  let grace: Page; // a second admin
  let alanId: string;

  /** The console of the admin holding `token`, in its own browser context, on Manage Users. */
  async function consoleOf(token: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    context.setDefaultTimeout(8_000);
    await context.addInitScript((session) => {
      sessionStorage.setItem('switchboard.session', session);
    }, token);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/console`);
    await page.getByRole('table', { name: 'Users' }).waitFor();
    return page;
  }

  async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await t.call(method, path, { body });
    expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true);
    return (await response.json()) as T;
  }

  const editDialog = (page: Page) => page.getByRole('dialog', { name: 'Edit User' });
  const conflictDialog = (page: Page) => page.getByRole('dialog', { name: /changed since/ });

  async function openEdit(page: Page, name: string) {
    await page.getByRole('button', { name: `Edit ${name}`, exact: true }).click();
    await editDialog(page).waitFor();
  }

  beforeAll(async () => {
    t = await acmeApp();
    const graceUser = await api<User>('POST', '/v1/users', {
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace@acme.test',
      isAdmin: true,
    });
    await t.sb.mail.idle();
    const mail = t.sent.find((message) => message.to === graceUser.email);
    const link = mail?.text.match(/https?:\/\/\S+activate\?token=\S+/)?.[0] ?? '';
    const token = new URL(link).searchParams.get('token') ?? '';
    const graceSession = await t.sb.identity.activate({ token, password: 'grace hopper 1906!' });
    alanId = (
      await api<User>('POST', '/v1/users', {
        firstName: 'Alan',
        lastName: 'Turing',
        email: 'alan@acme.test',
      })
    ).id;

    const host = new Hono();
    host.route('/', t.app);
    host.route('/', createConsoleApp());
    server = serve({ fetch: host.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
    ada = await consoleOf(t.adminToken);
    grace = await consoleOf(graceSession.token);
  }, 60_000);

  screenshotFailures(() => grace, 'concurrent');

  afterAll(async () => {
    await browser?.close();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    await t?.sb.close();
  });

  it('shows the later editor what changed, and re-applies their edit on top (C1)', async () => {
    await openEdit(ada, 'Alan Turing');
    await openEdit(grace, 'Alan Turing');

    await editDialog(ada).getByLabel('Last Name').fill('Mathison');
    await editDialog(ada).getByRole('button', { name: 'Update' }).click();
    await ada.getByRole('status').filter({ hasText: 'Saved Alan Mathison.' }).waitFor();

    // Grace opened the form before Ada saved: her save names the old version.
    await editDialog(grace).getByLabel('First Name').fill('Al');
    await editDialog(grace).getByLabel('Can Share').check();
    await editDialog(grace).getByRole('button', { name: 'Update' }).click();
    const conflict = conflictDialog(grace);
    await conflict.waitFor();
    expect(await conflict.getByRole('heading').textContent()).toBe(
      'Alan Turing changed since you opened it',
    );
    // Ada's change, as it is now, beside Grace's own edit.
    const lastName = conflict.locator('tr[data-field="Last Name"] td');
    expect(await lastName.allTextContents()).toEqual([
      'Last Name',
      'Turing',
      'Mathison',
      'not edited',
    ]);
    const firstName = conflict.locator('tr[data-field="First Name"] td');
    expect(await firstName.allTextContents()).toEqual(['First Name', 'Alan', 'Alan', 'Al']);
    const canShare = conflict.locator('tr[data-field="Can Share"] td');
    expect(await canShare.allTextContents()).toEqual(['Can Share', 'No', 'No', 'Yes']);
    // Nothing was overwritten.
    expect(await api<User>('GET', `/v1/users/${alanId}`)).toMatchObject({
      firstName: 'Alan',
      lastName: 'Mathison',
      permissions: { canShare: false },
    });
    await saveScreenshot(grace, '30-edit-conflict');

    await conflict.getByRole('button', { name: 'Apply my edit to the current version' }).click();
    await grace.getByRole('status').filter({ hasText: 'Saved Al Mathison.' }).waitFor();
    expect(await editDialog(grace).isVisible()).toBe(false);
    expect(await api<User>('GET', `/v1/users/${alanId}`)).toMatchObject({
      firstName: 'Al',
      lastName: 'Mathison',
      permissions: { canShare: true },
    });
    await grace.locator('tr[data-user="alan@acme.test"]').getByText('Al Mathison').waitFor();
  });

  it('discards the edit on request, keeping what the other admin saved', async () => {
    await ada.reload(); // Ada's list still shows the user as she saved them
    await openEdit(ada, 'Al Mathison');
    await openEdit(grace, 'Al Mathison');
    await editDialog(ada).getByLabel('Last Name').fill('Turing');
    await editDialog(ada).getByRole('button', { name: 'Update' }).click();
    await ada.getByRole('status').filter({ hasText: 'Saved Al Turing.' }).waitFor();

    await editDialog(grace).getByLabel('Last Name').fill('Babbage');
    await editDialog(grace).getByRole('button', { name: 'Update' }).click();
    const conflict = conflictDialog(grace);
    await conflict.waitFor();
    const lastName = conflict.locator('tr[data-field="Last Name"] td');
    expect(await lastName.allTextContents()).toEqual([
      'Last Name',
      'Mathison',
      'Turing',
      'Babbage',
    ]);
    await conflict.getByText('applying your edit replaces theirs').waitFor();
    await saveScreenshot(grace, '31-edit-conflict-both-changed');

    await conflict.getByRole('button', { name: 'Discard my edit' }).click();
    await grace.getByRole('status').filter({ hasText: 'was discarded' }).waitFor();
    await grace.locator('tr[data-user="alan@acme.test"]').getByText('Al Turing').waitFor();
    expect((await api<User>('GET', `/v1/users/${alanId}`)).lastName).toBe('Turing');
  });

  it('asks before deleting a user someone changed since the list loaded, and keeps them', async () => {
    await api('PATCH', `/v1/users/${alanId}`, { isAdmin: true });
    await grace.getByRole('button', { name: 'Delete Al Turing' }).click();
    await grace
      .getByRole('dialog', { name: 'Delete Al Turing?' })
      .getByRole('button', { name: 'Yes, delete' })
      .click();
    const conflict = conflictDialog(grace);
    await conflict.waitFor();
    const admin = conflict.locator('tr[data-field="Account Admin"] td');
    expect(await admin.allTextContents()).toEqual(['Account Admin', 'No', 'Yes']);
    await conflict.getByRole('button', { name: 'Keep it' }).click();
    await grace.getByRole('status').filter({ hasText: 'Al Turing was kept.' }).waitFor();
    expect((await api<User>('GET', `/v1/users/${alanId}`)).isAdmin).toBe(true);
  });

  it('re-applies an edit of the account details on top of another admin’s', async () => {
    await grace.getByRole('link', { name: 'Account Information' }).click();
    const form = grace.getByRole('form', { name: 'Account Information' });
    await form.getByLabel('City').fill('Boston');
    await api('PATCH', '/v1/account', { companyName: 'Acme Voice' });
    await form.getByRole('button', { name: 'Save' }).click();
    const conflict = conflictDialog(grace);
    await conflict.waitFor();
    expect(await conflict.locator('tr[data-field="Company Name"] td').allTextContents()).toEqual([
      'Company Name',
      'Acme',
      'Acme Voice',
      'not edited',
    ]);
    await conflict.getByRole('button', { name: 'Apply my edit to the current version' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    // The form now shows the version it saved: both changes.
    expect(await form.getByLabel('Company Name').inputValue()).toBe('Acme Voice');
    expect(await api('GET', '/v1/account')).toMatchObject({
      companyName: 'Acme Voice',
      city: 'Boston',
    });
  });

  it('drops a number’s application edit on request and shows the number as it is now', async () => {
    const number = await api<{ id: string; number: string }>('POST', '/v1/phone-numbers', {
      type: 'toll_free',
    });
    await grace.getByRole('link', { name: 'Phone Numbers' }).click();
    const field = grace.getByLabel(`Application on ${number.number}`);
    await field.fill('ivr-main');
    await api('PATCH', `/v1/phone-numbers/${number.id}`, { applicationId: 'ivr-night' });
    await grace.getByRole('button', { name: `Deploy on ${number.number}` }).click();
    const conflict = conflictDialog(grace);
    await conflict.waitFor();
    expect(await conflict.locator('tr[data-field="Application"] td').allTextContents()).toEqual([
      'Application',
      '(none)',
      'ivr-night',
      'ivr-main',
    ]);
    await conflict.getByRole('button', { name: 'Discard my edit' }).click();
    await expect.poll(() => field.inputValue()).toBe('ivr-night');
    await grace.getByRole('link', { name: 'Manage Users' }).click();
    await grace.getByRole('table', { name: 'Users' }).waitFor();
  });

  it('adds one user for a double click on Add (C2)', async () => {
    const keys: string[] = [];
    grace.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/v1/users')) {
        keys.push(request.headers()['idempotency-key'] ?? '');
      }
    });
    await grace.getByRole('button', { name: 'Add User' }).click();
    const dialog = grace.getByRole('dialog', { name: 'Add New User' });
    await dialog.getByLabel('First Name').fill('Katherine');
    await dialog.getByLabel('Last Name').fill('Johnson');
    await dialog.getByLabel('Email Address').fill('katherine@acme.test');
    await dialog.getByRole('button', { name: 'Add', exact: true }).dblclick();
    await grace.getByRole('status').filter({ hasText: 'Added Katherine Johnson' }).waitFor();
    const { data } = await api<{ data: User[] }>('GET', '/v1/users?q=katherine');
    expect(data).toHaveLength(1);
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[\x21-\x7e]{1,255}$/);

    // Two submits in one task, before the button can be disabled: still one user.
    await grace.getByRole('button', { name: 'Add User' }).click();
    await dialog.getByLabel('First Name').fill('Mary');
    await dialog.getByLabel('Last Name').fill('Jackson');
    await dialog.getByLabel('Email Address').fill('mary@acme.test');
    await dialog.locator('form').evaluate((form: HTMLFormElement) => {
      form.requestSubmit();
      form.requestSubmit();
    });
    await grace.getByRole('status').filter({ hasText: 'Added Mary Jackson' }).waitFor();
    expect((await api<{ data: User[] }>('GET', '/v1/users?q=mary')).data).toHaveLength(1);
  });

  it('sends the same key again after a lost answer, so adding again adds no second user (C2)', async () => {
    // The server adds the user, but the answer never reaches the browser (nor its retries').
    const lose = '**/v1/users';
    await grace.route(lose, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      await route.fetch();
      await route.abort('connectionfailed');
    });
    await grace.getByRole('button', { name: 'Add User' }).click();
    const dialog = grace.getByRole('dialog', { name: 'Add New User' });
    await dialog.getByLabel('First Name').fill('Dorothy');
    await dialog.getByLabel('Last Name').fill('Vaughan');
    await dialog.getByLabel('Email Address').fill('dorothy@acme.test');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.getByRole('alert').filter({ hasText: 'cannot be reached' }).waitFor();
    await grace.unroute(lose);

    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await grace.getByRole('status').filter({ hasText: 'Added Dorothy Vaughan' }).waitFor();
    const { data } = await api<{ data: User[] }>('GET', '/v1/users?q=dorothy');
    expect(data).toHaveLength(1);
  });
});
