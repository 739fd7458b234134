/** Why a webhook did not verify. */
export type WebhookVerificationFailure =
  | 'missing_headers'
  | 'timestamp_out_of_tolerance'
  | 'no_matching_signature';

/**
 * A webhook that did not verify: answer it 400 (or 401) and do not act on it. `reason`
 * says which check failed.
 *
 * @example if (isWebhookVerificationError(e)) return new Response(e.message, { status: 400 });
 */
export class WebhookVerificationError extends Error {
  override name = 'SwitchboardWebhookVerificationError';
  readonly reason: WebhookVerificationFailure;

  constructor(reason: WebhookVerificationFailure, message: string) {
    super(message);
    this.reason = reason;
  }
}

/** True for a WebhookVerificationError from any copy of this package or realm. @example if (isWebhookVerificationError(e)) return c.text('bad signature', 400); */
export function isWebhookVerificationError(error: unknown): error is WebhookVerificationError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'SwitchboardWebhookVerificationError'
  );
}
