import type { HostLookup } from './post-webhook.js';

/**
 * How webhooks are delivered (`createSwitchboard({ webhooks })`). The two `allow…` flags
 * relax the SSRF protection (E4) for development only: never set them where untrusted
 * admins can add endpoints.
 */
export interface WebhookOptions {
  /** Accept `http://` endpoint URLs besides `https://`. Default false. */
  allowHttp?: boolean;
  /** Accept loopback, private, link-local and reserved addresses. Default false. */
  allowPrivateAddresses?: boolean;
  /** Milliseconds one attempt may take, from resolving the host to the answer. Default 15000. */
  timeoutMs?: number;
  /** Deliveries one instance sends at once. Default 16. */
  concurrency?: number;
  /** Deliveries to one endpoint one instance sends at once. Default 4. */
  perEndpointConcurrency?: number;
  /**
   * Deliveries one instance starts a second while it is serving requests (a request started
   * in the last 100 ms, as noted by `sb.serving`): sending gives way to the API, whose
   * latency then stays as it is without a backlog. A quiet instance sends at full speed
   * (`concurrency`). Default 10.
   */
  ratePerSecondWhileServing?: number;
  /** Days a delivery that succeeded or failed stays listed (with its attempts). Default 30. */
  deliveryRetentionDays?: number;
  /** Endpoints an account may have. Default 20. */
  maxEndpointsPerAccount?: number;
  /** Resolves endpoint host names (default: the system resolver); tests point names at local servers. */
  lookup?: HostLookup;
  /** Extra certificate authorities (PEM) endpoint certificates may chain to, such as a company CA. */
  ca?: string | readonly string[];
}
