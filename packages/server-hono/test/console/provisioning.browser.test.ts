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

interface ScimList {
  totalResults: number;
  Resources: { userName: string; active: boolean }[];
}

// The Provisioning tab (S1): an admin finds the SCIM base URL to paste into Okta or Entra
// ID, creates a token that is shown once (with a Copy button), and revokes it after
// confirming. The token is then used for real against /scim/v2/Users, over loopback, as an
// identity provider would, before and after the revocation. Members never see the tab.
describe.runIf(hasChromium || process.env.CI === 'true')('console: the Provisioning tab', () => {
  let t: AcmeApp;
  let served: ServedConsole;
  let browser: Browser;
  let page: Page;
  let scimUrl: string;
  let token: string;

  const tokensTable = () => page.getByRole('table', { name: 'SCIM tokens' });
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

  /** True when `secret` is anywhere on the page: its markup, every shadow root, every field. */
  const pageHolds = (secret: string) =>
    page.evaluate((secret) => {
      const roots: (Document | ShadowRoot)[] = [document];
      for (const root of roots) {
        const markup = root instanceof Document ? root.documentElement.outerHTML : root.innerHTML;
        if (markup.includes(secret)) return true;
        for (const element of root.querySelectorAll('*')) {
          if (element.shadowRoot) roots.push(element.shadowRoot);
          if (element instanceof HTMLInputElement && element.value.includes(secret)) return true;
        }
      }
      return false;
    }, secret);

  /** A request of the identity provider's, with the token. */
  const scim = (path: string, init: RequestInit = {}) =>
    fetch(`${scimUrl}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/scim+json',
        ...init.headers,
      },
    });

  beforeAll(async () => {
    t = await acmeApp();
    const added = await t.call('POST', '/v1/users', {
      body: { firstName: 'Alan', lastName: 'Turing', email: 'alan@acme.test' },
    });
    expect(added.status).toBe(201);
    served = await serveConsole(t.app);
    browser = await launchChromium();
    page = await signedInConsole(browser, served.baseUrl, t.adminToken, { clipboard: true });
    await page.getByRole('table', { name: 'Users' }).waitFor();
  }, 60_000);

  screenshotFailures(() => page, 'provisioning');

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await t?.sb.close();
  });

  it('shows the SCIM base URL to paste into the identity provider, with a Copy button', async () => {
    await page.getByRole('link', { name: 'Provisioning', exact: true }).click();
    await page.getByRole('heading', { name: 'Provisioning' }).waitFor();
    const url = page.getByRole('textbox', { name: 'SCIM base URL' });
    // The server's origin (with the prefix the app is mounted at: none here) and /scim/v2.
    await expect.poll(() => url.inputValue()).toBe(`${served.baseUrl}/scim/v2`);
    scimUrl = await url.inputValue();
    await page.getByRole('button', { name: 'Copy URL' }).click();
    await page.getByText('Copied to the clipboard.').waitFor();
    expect(await clipboard()).toBe(scimUrl);
    await page.getByText('No SCIM tokens yet.').waitFor();
    await saveScreenshot(page, '60-provisioning-empty');
  });

  it('creates a token and shows it once, with a Copy button', async () => {
    await page.getByRole('button', { name: 'Create token' }).click();
    const create = page.getByRole('dialog', { name: 'Create SCIM token' });
    await create.getByLabel('Description').fill('Okta');
    await saveScreenshot(page, '61-provisioning-create');
    await create.getByRole('button', { name: 'Create' }).click();

    const shown = page.getByRole('dialog', { name: 'Copy your new SCIM token' });
    await shown.waitFor();
    expect(await shown.textContent()).toContain('You will not see this token again.');
    const field = shown.getByRole('textbox', { name: 'Token for Okta' });
    token = await field.inputValue();
    expect(token).toMatch(/^swb_scim_/);
    expect(await field.getAttribute('readonly')).not.toBeNull();
    await shown.getByRole('button', { name: 'Copy token' }).click();
    await shown.getByText('Copied to the clipboard.').waitFor();
    expect(await clipboard()).toBe(token);
    expect(await pageHolds(token)).toBe(true);
    await saveScreenshot(page, '62-provisioning-token-once');

    await shown.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('status').filter({ hasText: 'Created the token “Okta”.' }).waitFor();
    const row = tokensTable().locator('tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator('td').nth(0).textContent()).toBe('Okta');
    expect(await row.locator('td').nth(2).textContent()).toBe('Never');
    // Once the window is closed the token is nowhere on the page, nor after a reload.
    expect(await pageHolds(token)).toBe(false);
    await page.reload();
    await tokensTable().locator('tbody tr').first().waitFor();
    expect(await pageHolds(token)).toBe(false);
    await saveScreenshot(page, '63-provisioning-tokens');
  });

  it('the token provisions users at /scim/v2/Users, and the tab shows its last use', async () => {
    const listed = await scim('/Users?filter=userName%20eq%20%22alan@acme.test%22');
    expect(listed.status).toBe(200);
    const list = (await listed.json()) as ScimList;
    expect(list.totalResults).toBe(1);
    expect(list.Resources[0]?.userName).toBe('alan@acme.test');

    const created = await scim('/Users', {
      method: 'POST',
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'grace@acme.test',
        name: { givenName: 'Grace', familyName: 'Hopper' },
        emails: [{ value: 'grace@acme.test', type: 'work', primary: true }],
        active: true,
      }),
    });
    expect(created.status).toBe(201);

    // Grace, provisioned by the identity provider, is a user like any other.
    await page.getByRole('link', { name: 'Manage Users' }).click();
    const grace = page
      .getByRole('table', { name: 'Users' })
      .locator('tr[data-user="grace@acme.test"]');
    await grace.getByText('pending', { exact: true }).waitFor();

    await page.getByRole('link', { name: 'Provisioning', exact: true }).click();
    const lastUsed = tokensTable().locator('tbody tr td').nth(2);
    await expect.poll(() => lastUsed.textContent()).not.toBe('Never');
    expect(await lastUsed.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('revokes a token after the confirmation; the identity provider is refused at once', async () => {
    await page.getByRole('button', { name: 'Revoke the token “Okta”' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke the token “Okta”?' });
    await confirm.waitFor();
    await saveScreenshot(page, '64-provisioning-revoke-confirm');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await tokensTable().locator('tbody tr').count()).toBe(1);
    expect((await scim('/Users')).status).toBe(200); // not revoked

    await page.getByRole('button', { name: 'Revoke the token “Okta”' }).click();
    await confirm.getByRole('button', { name: 'Yes, revoke' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Revoked the token “Okta”: requests with it are refused from now on.' })
      .waitFor();
    await page.getByText('No SCIM tokens yet.').waitFor();
    const refused = await scim('/Users');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toContain('application/scim+json');
    await saveScreenshot(page, '65-provisioning-revoked');
  });

  it('fits a 390 px wide phone: the URL field and the table stay within the screen', async () => {
    await page.getByRole('button', { name: 'Create token' }).click();
    const create = page.getByRole('dialog', { name: 'Create SCIM token' });
    await create.getByLabel('Description').fill('Microsoft Entra ID');
    await create.getByRole('button', { name: 'Create' }).click();
    const shown = page.getByRole('dialog', { name: 'Copy your new SCIM token' });
    await shown.getByRole('button', { name: 'Done' }).click();
    await tokensTable().waitFor();

    const width = 390;
    await page.setViewportSize({ width, height: 844 });
    try {
      await saveScreenshot(page, '66-provisioning-narrow');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        width,
      );
    } finally {
      await page.setViewportSize({ width: 1200, height: 800 });
    }
  });

  it('is not offered to members', async () => {
    await t.sb.mail.idle();
    const link = t.sent.find((mail) => mail.to === 'alan@acme.test')?.text.match(/\S+token=\S+/);
    const activation = new URL(link?.[0] ?? 'http://x').searchParams.get('token') ?? '';
    const alan = await t.sb.identity.activate({ token: activation, password: 'alan turing 1912!' });
    const member = await signedInConsole(browser, served.baseUrl, alan.token);
    try {
      await member.getByRole('heading', { name: 'Account Information' }).waitFor();
      const tabs = await member.getByRole('navigation').getByRole('link').allTextContents();
      expect(tabs.map((tab) => tab.trim())).not.toContain('Provisioning');
      expect(await member.locator('sb-provisioning').count()).toBe(0);
    } finally {
      await member.context().close();
    }
  });
});
