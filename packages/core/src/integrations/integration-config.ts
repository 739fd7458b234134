/**
 * The associated data an integration's configuration is sealed under (I4): it binds the
 * ciphertext to its account, its row and its service, so a ciphertext copied onto another
 * row fails to open.
 */
export function sealContext(accountId: string, integrationId: string, service: string): string {
  return `switchboard:integration:${accountId}:${integrationId}:${service}`;
}
