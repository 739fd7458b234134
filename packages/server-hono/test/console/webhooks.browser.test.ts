import { verifyWebhook } from '@switchboard/client';
import { type Actor, operatorActor } from '@switchboard/core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConsoleHarness,
  hasChromium,
  linkIn,
  screenshotFailures,
  startConsoleHarness,
} from '../support/console-harness.js';
import {
  type LocalWebhookReceiver,
  startLocalWebhookReceiver,
} from '../support/console-webhook-receiver.js';

const admin = { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' };
const member = { firstName: 'Alan', lastName: 'Turing', email: 'alan@acme.test' };
const password = 'correct horse battery staple';
const secretPattern = /^whsec_[A-Za-z0-9+/]{43}=$/;

// The Webhooks tab (E4) against a real receiver on loopback: the server allows plain http
// and loopback addresses for it, at most two endpoints, and runs no background timer, so
// every delivery is one the console (or the test) caused, sent by the server's worker.
describe.runIf(hasChromium || process.env.CI === 'true')('console: the Webhooks tab', () => {
  let h: ConsoleHarness;
  let receiver: LocalWebhookReceiver;
  let page: Page;
  let ada: Actor;
  let secret = '';
  let hooksUrl = '';

  const tab = (name: string) => page.getByRole('link', { name, exact: true }).click();
  const card = (url = hooksUrl) => page.locator(`article[data-endpoint="${url}"]`);
  const delivery = (eventId: string) => card().locator(`tr[data-event-id="${eventId}"]`);
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

  /** Waits for the worker to record what it sent, then reads the deliveries again. */
  async function refreshDeliveries() {
    await h.switchboard.webhooks.idle();
    await card().getByRole('button', { name: 'Refresh' }).click();
  }

  /** Opens a page signed in with `token`, clipboard allowed. */
  async function signedIn(token: string, hash = ''): Promise<Page> {
    const opened = await h.newPage();
    await opened.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: h.baseUrl,
    });
    await opened.context().addInitScript((session) => {
      sessionStorage.setItem('switchboard.session', session);
    }, token);
    await opened.goto(`${h.baseUrl}/console${hash}`);
    await opened.getByRole('link', { name: 'My Profile' }).waitFor();
    return opened;
  }

  async function activate(link: string): Promise<string> {
    const token = new URL(link).searchParams.get('token') ?? '';
    return (await h.switchboard.identity.activate({ token, password })).token;
  }

  beforeAll(async () => {
    receiver = await startLocalWebhookReceiver();
    hooksUrl = receiver.url('/hooks');
    h = await startConsoleHarness({
      webhooks: { allowHttp: true, allowPrivateAddresses: true, maxEndpointsPerAccount: 2 },
      mailRetryIntervalSeconds: 0,
    });
    const created = await h.switchboard.operator.createAccount(operatorActor(), {
      companyName: 'Acme Voice',
      admin,
    });
    const adminToken = await activate(created.activationLink);
    ada = await h.switchboard.identity.actorFor(created.admin.id);
    await h.switchboard.users.add(ada, member);
    const memberToken = await activate(
      linkIn(await h.mailTo(member.email), `${h.baseUrl}/activate?token=`),
    );
    const memberPage = await signedIn(memberToken, '#webhooks');
    // Members see no Webhooks tab, even when the address names it.
    expect(await memberPage.getByRole('link', { name: 'Webhooks' }).count()).toBe(0);
    expect(await memberPage.locator('sb-webhooks').count()).toBe(0);
    await memberPage.context().close();
    page = await signedIn(adminToken);
  }, 60_000);

  screenshotFailures(() => page, 'webhooks');

  afterAll(async () => {
    await h?.stop();
    await receiver?.stop();
  });

  it('adds an endpoint for user events and shows its secret once, with Copy', async () => {
    await tab('Webhooks');
    await page.getByText('No webhook endpoints yet.').waitFor();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const form = page.getByRole('dialog', { name: 'Add endpoint' });
    await form.getByLabel('Endpoint URL').fill(hooksUrl);
    expect(await form.getByLabel('All events, including kinds added later').isChecked()).toBe(true);
    await form.getByLabel('Only the events I choose').check();
    await form.getByRole('checkbox', { name: 'All user events' }).check();
    expect(await form.getByRole('checkbox', { name: 'Added user.added' }).isDisabled()).toBe(true);
    await form.getByLabel('Description').fill('CRM sync');
    await h.screenshot(page, '50-webhooks-add');
    await form.getByRole('button', { name: 'Add endpoint' }).click();

    const shown = page.getByRole('dialog', { name: 'Endpoint added: copy its signing secret' });
    const value = await shown.getByLabel('Signing secret').inputValue();
    expect(value).toMatch(secretPattern);
    expect(await shown.getByText('You will not see this secret again.').count()).toBe(1);
    await shown.getByRole('button', { name: 'Copy' }).click();
    await shown.getByText('Copied to the clipboard.').waitFor();
    secret = await clipboard();
    expect(secret).toBe(value);
    await h.screenshot(page, '51-webhooks-secret');
    await shown.getByRole('button', { name: 'Done, I have stored it' }).click();
    await shown.waitFor({ state: 'hidden' });
    expect(await page.locator('sb-webhook-secret-dialog input').count()).toBe(0);

    await card().waitFor();
    expect(await card().locator('header .badge').textContent()).toBe('Enabled');
    expect(await card().getByRole('list', { name: 'Events' }).textContent()).toContain(
      'All user events',
    );
    expect(await card().getByText('CRM sync').count()).toBe(1);
  });

  it('sends a test event, signed with the copied secret, and lists its delivery', async () => {
    const from = receiver.received.length;
    await card().getByRole('button', { name: 'Send test event' }).click();
    const test = await receiver.next((d) => d.event.type === 'webhook.test', from);
    expect((await verifyWebhook(test.body, test.headers, secret)).type).toBe('webhook.test');
    await page
      .getByRole('status')
      .filter({ hasText: 'webhook.test event is on its way' })
      .waitFor();
    await refreshDeliveries();
    const row = delivery(test.event.id);
    await expect.poll(() => row.getAttribute('data-status')).toBe('succeeded');
    expect(await row.textContent()).toMatch(/Succeeded[\s\S]*1 attempt[\s\S]*HTTP 200/);
  });

  it('delivers user.added when an admin adds a user', async () => {
    const from = receiver.received.length;
    await h.switchboard.users.add(ada, {
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace@acme.test',
    });
    const added = await receiver.next((d) => d.event.type === 'user.added', from);
    expect(added.event.data.object.email).toBe('grace@acme.test');
    await verifyWebhook(added.body, added.headers, secret);
    await refreshDeliveries();
    await expect.poll(() => delivery(added.event.id).getAttribute('data-status')).toBe('succeeded');
    await h.screenshot(page, '52-webhooks-deliveries');
  });

  it('shows deliveries the receiver refused, and retries them once it recovers', async () => {
    receiver.status = 500;
    const from = receiver.received.length;
    await h.switchboard.users.add(ada, {
      firstName: 'Katherine',
      lastName: 'Johnson',
      email: 'katherine@acme.test',
    });
    const refused = await receiver.next((d) => d.event.type === 'user.added', from);
    await card().getByRole('button', { name: 'Send test event' }).click();
    const test = await receiver.next((d) => d.event.type === 'webhook.test', from);
    await refreshDeliveries();
    // A change's delivery waits for its next attempt; a test gets one attempt only.
    const pending = delivery(refused.event.id);
    await expect.poll(() => pending.getAttribute('data-status')).toBe('pending');
    expect(await pending.textContent()).toMatch(/Pending[\s\S]*1 attempt[\s\S]*HTTP 500[\s\S]*in /);
    await expect.poll(() => delivery(test.event.id).getAttribute('data-status')).toBe('failed');
    await h.screenshot(page, '53-webhooks-refused');

    receiver.status = 200;
    for (const [row, eventId, type] of [
      [pending, refused.event.id, 'user.added'],
      [delivery(test.event.id), test.event.id, 'webhook.test'],
    ] as const) {
      const before = receiver.received.length;
      await row.getByRole('button', { name: `Retry the ${type} delivery` }).click();
      await receiver.next((d) => d.event.id === eventId, before);
      await refreshDeliveries();
      await expect.poll(() => row.getAttribute('data-status')).toBe('succeeded');
      expect(await row.textContent()).toMatch(/2 attempts[\s\S]*HTTP 200/);
    }
  });

  it('edits the events and description, and shows the API’s refusal under Events', async () => {
    await card().getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('dialog', { name: 'Edit endpoint' });
    expect(await form.getByLabel('Endpoint URL').inputValue()).toBe(hooksUrl);
    expect(await form.getByLabel('Only the events I choose').isChecked()).toBe(true);
    await form.getByRole('checkbox', { name: 'All user events' }).uncheck();
    await form.getByRole('checkbox', { name: 'Added user.added' }).check();
    await form.getByRole('checkbox', { name: 'All phone number events' }).check();
    await form.getByLabel('Other event types').fill('Billing Paid');
    await form.getByLabel('Description').fill('CRM sync (staging)');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText(/Expected an action \(user\.added\)/).waitFor();
    await h.screenshot(page, '54-webhooks-edit-refused');
    await form.getByLabel('Other event types').fill('billing.paid');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'hidden' });
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect(
      await card().getByRole('list', { name: 'Events' }).locator('li').allTextContents(),
    ).toEqual(['user.added', 'All phone number events', 'billing.paid']);
    expect(await card().getByText('CRM sync (staging)').count()).toBe(1);
  });

  it('refuses a URL with credentials on its field, and an endpoint over the limit', async () => {
    const second = receiver.url('/audit');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const form = page.getByRole('dialog', { name: 'Add endpoint' });
    await form.getByLabel('Endpoint URL').fill(second.replace('http://', 'http://ops:hunter2@'));
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    await form.getByText('Credentials in the URL are not allowed').waitFor();
    expect(await form.getByLabel('Endpoint URL').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Endpoint URL').fill(second);
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByRole('button', { name: 'Done, I have stored it' }).click();
    expect(await card(second).getByRole('list', { name: 'Events' }).textContent()).toContain(
      'All events',
    );

    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await form.getByLabel('Endpoint URL').fill(receiver.url('/third'));
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    await form.getByText('An account may have at most 2 webhook endpoints').waitFor();
    await h.screenshot(page, '55-webhooks-limit');
    await form.getByRole('button', { name: 'Cancel' }).click();

    await card(second).getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: /^Delete 127\.0\.0\.1:\d+\/audit\?$/ });
    expect(await confirm.textContent()).toContain('its deliveries are deleted with it');
    await confirm.getByRole('button', { name: 'Yes, delete' }).click();
    await card(second).waitFor({ state: 'detached' });
    expect(await page.locator('article.endpoint').count()).toBe(1);
  });

  it('disables the endpoint after asking: pending deliveries are given up, no new ones queued', async () => {
    receiver.status = 500;
    const from = receiver.received.length;
    await h.switchboard.users.add(ada, {
      firstName: 'Dorothy',
      lastName: 'Vaughan',
      email: 'dorothy@acme.test',
    });
    const refused = await receiver.next((d) => d.event.type === 'user.added', from);
    receiver.status = 200;
    await refreshDeliveries();
    const waiting = delivery(refused.event.id);
    await expect.poll(() => waiting.getAttribute('data-status')).toBe('pending');

    await card().getByRole('button', { name: 'Disable' }).click();
    const confirm = page.getByRole('dialog', { name: /^Disable / });
    expect(await confirm.textContent()).toContain('pending deliveries are given up');
    await confirm.getByRole('button', { name: 'Yes, disable' }).click();
    await expect.poll(() => card().locator('header .badge').textContent()).toBe('Disabled');
    await expect.poll(() => waiting.getAttribute('data-status')).toBe('failed');
    expect(await waiting.textContent()).toContain(
      'The endpoint was disabled (last answer HTTP 500)',
    );
    const rows = () => card().locator('tr[data-event-type="user.added"]').count();
    const before = await rows();
    // The change commits with its events (E4): none was queued for the disabled endpoint.
    await h.switchboard.users.add(ada, {
      firstName: 'Mary',
      lastName: 'Jackson',
      email: 'mary@acme.test',
    });
    // A test sent after it (tests go to disabled endpoints too) marks a list read since.
    const [endpoint] = await h.switchboard.webhooks.list(ada);
    const sentFrom = receiver.received.length;
    await h.switchboard.webhooks.sendTest(ada, endpoint?.id ?? '');
    const marker = await receiver.next((d) => d.event.type === 'webhook.test', sentFrom);
    await refreshDeliveries();
    await delivery(marker.event.id).waitFor();
    expect(await rows()).toBe(before);
    await h.screenshot(page, '56-webhooks-disabled');
    await card().getByRole('button', { name: 'Enable' }).click();
    await expect.poll(() => card().locator('header .badge').textContent()).toBe('Enabled');
  });

  it('rotates the secret: the new one shown once, deliveries signed with both for 24 hours', async () => {
    await card().getByRole('button', { name: 'Rotate secret' }).click();
    const confirm = page.getByRole('dialog', { name: /^Rotate the signing secret of / });
    expect(await confirm.textContent()).toContain('signed with both the new and the old secret');
    await confirm.getByRole('button', { name: 'Yes, rotate' }).click();
    const shown = page.getByRole('dialog', { name: 'New signing secret' });
    expect(await shown.textContent()).toContain('both this secret and the old one');
    await shown.getByRole('button', { name: 'Copy' }).click();
    await shown.getByText('Copied to the clipboard.').waitFor();
    const rotated = await clipboard();
    expect(rotated).toMatch(secretPattern);
    expect(rotated).not.toBe(secret);
    await h.screenshot(page, '57-webhooks-rotated');
    await shown.getByRole('button', { name: 'Done, I have stored it' }).click();

    const from = receiver.received.length;
    await card().getByRole('button', { name: 'Send test event' }).click();
    const test = await receiver.next((d) => d.event.type === 'webhook.test', from);
    expect(String(test.headers['webhook-signature']).split(' ')).toHaveLength(2);
    await verifyWebhook(test.body, test.headers, rotated);
    await verifyWebhook(test.body, test.headers, secret);
  });

  it('loads older deliveries page by page', async () => {
    const endpoint = (await h.switchboard.webhooks.list(ada))[0];
    for (let i = 0; i < 20; i++) await h.switchboard.webhooks.sendTest(ada, endpoint?.id ?? '');
    await refreshDeliveries();
    const rows = card().locator('tr[data-delivery]');
    await expect.poll(() => rows.count()).toBe(20);
    await card().getByRole('button', { name: 'Show older deliveries' }).click();
    await expect.poll(() => rows.count()).toBeGreaterThan(20);
    expect(await card().getByRole('button', { name: 'Show older deliveries' }).count()).toBe(0);
  });

  it('fits a 390 px wide phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await h.screenshot(page, '58-webhooks-narrow');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        390,
      );
    } finally {
      await page.setViewportSize({ width: 1200, height: 800 });
    }
  });
});
