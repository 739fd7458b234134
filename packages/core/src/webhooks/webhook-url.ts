import { isIP } from 'node:net';
import { SwitchboardError } from '../errors/switchboard-error.js';
import { addressRefusal, type WebhookAddressPolicy } from './address-policy.js';

/** The host of a URL as a name or an IP literal, without the brackets of an IPv6 one. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

function refuse(message: string): never {
  throw new SwitchboardError('validation_failed', 'The request is not valid', {
    issues: [{ path: 'url', message }],
  });
}

const relaxHint =
  '(a development server may allow it with SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE / the webhooks.allowPrivateAddresses option)';

/**
 * Checks an endpoint URL when it is saved (E4): `https://` (or `http://` where the policy
 * allows it), no credentials in it, and a host that is not a loopback, private,
 * link-local or reserved IP literal, nor `localhost`. Names are checked again after DNS
 * resolution on every delivery. `validation_failed` on `url` otherwise.
 *
 * @example checkWebhookUrl('https://hooks.example.com/switchboard', strictAddressPolicy)
 */
export function checkWebhookUrl(value: string, policy: WebhookAddressPolicy): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return refuse('Expected an https:// URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttp))
    refuse(
      policy.allowHttp
        ? 'Expected an http:// or https:// URL'
        : 'Expected an https:// URL (plain http is allowed only on development servers)',
    );
  if (url.username || url.password)
    refuse('Credentials in the URL are not allowed: put a token in its path or query');
  if (policy.allowPrivateAddresses) return url;
  const host = hostOf(url);
  if (isIP(host) !== 0) {
    const refusal = addressRefusal(host);
    if (refusal) refuse(`${host} is ${refusal}, where webhooks may not go ${relaxHint}`);
  } else if (host === 'localhost' || host.endsWith('.localhost')) {
    refuse(`${host} is a loopback name, where webhooks may not go ${relaxHint}`);
  }
  return url;
}
