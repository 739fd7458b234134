import { isoTimestamp } from '../db/row-values.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import type { KeyRing } from '../integrations/index.js';
import { type EndpointRow, secretContext } from './endpoint-repository.js';

/** `unavailable`, naming the setting that provides a key ring. */
export function missingKeyRing(): SwitchboardError {
  return new SwitchboardError(
    'unavailable',
    'Webhook endpoints need a key ring to seal their signing secrets: set the secretKeys option of createSwitchboard (SWITCHBOARD_SECRET_KEYS for the reference server)',
  );
}

/**
 * The secrets an endpoint's deliveries are signed with now: its secret, and the one a
 * rotation replaced while that one's 24 hours last. Throws when the ring cannot open them.
 */
export function openEndpointSecrets(
  endpoint: EndpointRow,
  keyRing: KeyRing | undefined,
  now: Date,
): string[] {
  if (!keyRing) throw missingKeyRing();
  const context = secretContext(endpoint.account_id, endpoint.id);
  const secrets = [
    keyRing.open({ keyId: endpoint.key_id, sealed: endpoint.sealed_secret }, context),
  ];
  const { previous_sealed_secret, previous_key_id, previous_secret_expires_at } = endpoint;
  if (
    previous_sealed_secret !== null &&
    previous_key_id !== null &&
    previous_secret_expires_at !== null &&
    isoTimestamp(previous_secret_expires_at) > now.toISOString()
  ) {
    secrets.push(keyRing.open({ keyId: previous_key_id, sealed: previous_sealed_secret }, context));
  }
  return secrets;
}
