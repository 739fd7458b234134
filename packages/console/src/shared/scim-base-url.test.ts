import { createClient } from '@switchboard/client';
import { describe, expect, it } from 'vitest';
import { scimBaseUrl } from './scim-base-url.js';

/** The client `<sb-console api-base=".">` makes on a page at `pageUrl`. */
const consoleClient = (pageUrl: string) => createClient({ baseUrl: new URL('.', pageUrl).href });

describe('scimBaseUrl', () => {
  it("is the server's origin and /scim/v2 for the console served at the root", () => {
    const page = 'https://admin.example.com/console';
    expect(scimBaseUrl(consoleClient(page).scimTokens.scimUrl(), page)).toBe(
      'https://admin.example.com/scim/v2',
    );
  });

  it('keeps the prefix the API and the console are mounted at', () => {
    const page = 'https://example.com/admin/console#provisioning';
    expect(scimBaseUrl(consoleClient(page).scimTokens.scimUrl(), page)).toBe(
      'https://example.com/admin/scim/v2',
    );
  });

  it("makes a relative client base absolute against the page's address", () => {
    expect(scimBaseUrl('/admin/scim/v2', 'http://127.0.0.1:3000/admin/console')).toBe(
      'http://127.0.0.1:3000/admin/scim/v2',
    );
  });
});
