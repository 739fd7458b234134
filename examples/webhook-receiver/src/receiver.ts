import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

/** The part of a Switchboard event this receiver reads (docs/webhooks.md, "Events"). */
export interface SwitchboardEvent {
  /** `evt_…`, the same on every attempt (and in `webhook-id`): drop the repeats by it. */
  id: string;
  /** The audit action, such as `user.added`, or `webhook.test`. */
  type: string;
  createdAt: string;
  accountId: string;
  data: {
    /** The resource as the API returns it after the change; `{ id }` after a deletion. */
    object: { id?: string; [field: string]: unknown };
    changedFields: string[];
    actor: { type: string; id?: string };
  };
}

export interface ReceiverOptions {
  /**
   * The endpoint's signing secret (`whsec_…`, shown once, when the endpoint was added), or
   * the new and the old one during the 24 hours after a rotation.
   */
  secret: string | readonly string[];
  /**
   * Handles one verified event. The delivery is answered `204` once it resolves, and `500`
   * if it throws (Switchboard then tries again later): store or enqueue the event here and do
   * slow work elsewhere, as Switchboard waits at most 15 s for the answer.
   */
  onEvent: (event: SwitchboardEvent) => void | Promise<void>;
  /** Where refused deliveries and failures are reported. Default `console.warn`. */
  log?: (line: string) => void;
}

/** Where deliveries are received: register `https://<this app's host>/webhooks/switchboard`. */
export const webhookPath = '/webhooks/switchboard';

/** Bodies are read before they can be verified: refuse big ones (an event is a few KiB). */
const maxBodyBytes = 1024 * 1024;

/**
 * A Hono app that receives Switchboard's webhooks at `POST /webhooks/switchboard`: it checks
 * each delivery's signature on the raw body with the `standardwebhooks` package, answers
 * `400` to one it cannot verify, and hands a verified event to `onEvent`.
 *
 * @example serve({ fetch: createReceiver({ secret, onEvent: (event) => console.log(event.type) }).fetch, port: 3001 });
 */
export function createReceiver(options: ReceiverOptions): Hono {
  // Throws at once on a malformed secret, rather than refusing every delivery later.
  const webhooks = [options.secret].flat().map((secret) => new Webhook(secret));
  const log = options.log ?? console.warn;

  const app = new Hono();
  app.post(
    webhookPath,
    bodyLimit({ maxSize: maxBodyBytes, onError: (c) => c.text('body too large', 413) }),
    async (c) => {
      // The body exactly as it arrived: the signature covers these bytes, not a re-serialised
      // JSON, so it is verified before it is parsed.
      const body = await c.req.text();
      const verified = verify(webhooks, body, c.req.header());
      if ('refused' in verified) {
        log(`refused a delivery (${c.req.header('webhook-id') ?? 'no id'}): ${verified.refused}`);
        return c.text(verified.refused, 400);
      }
      await options.onEvent(verified.event);
      return c.body(null, 204);
    },
  );
  app.onError((error, c) => {
    log(`could not handle a delivery: ${error}`);
    return c.text('could not handle the event', 500);
  });
  return app;
}

/** The event, if one of the secrets verifies the delivery; otherwise why it was refused. */
function verify(
  webhooks: readonly Webhook[],
  body: string,
  headers: Record<string, string>,
): { event: SwitchboardEvent } | { refused: string } {
  let refused = 'no secret';
  for (const webhook of webhooks) {
    try {
      // Checks `webhook-timestamp` (within 5 minutes of now) and every `v1,` signature of
      // `webhook-signature` against the HMAC of "{webhook-id}.{webhook-timestamp}.{body}".
      // Signed by Switchboard, the body is an event as docs/webhooks.md describes it.
      return { event: webhook.verify(body, headers) as SwitchboardEvent };
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      refused = error.message;
    }
  }
  return { refused };
}
