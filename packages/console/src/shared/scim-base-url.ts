/**
 * The SCIM base URL an identity provider is given (Okta's "SCIM connector base URL", Entra
 * ID's "Tenant URL"): what the client names, the API's base with the prefix the app is
 * mounted at followed by `/scim/v2`, made absolute against the page's address when the
 * client's base is relative.
 *
 * @example scimBaseUrl(client.scimTokens.scimUrl(), location.href) // 'https://example.com/admin/scim/v2'
 */
export function scimBaseUrl(clientScimUrl: string, pageUrl: string): string {
  return new URL(clientScimUrl, pageUrl).href;
}
