import { z } from 'zod';
import { auditActorSchema } from './audit-event.js';
import { timestampSchema } from './common.js';

/** The type of the event `POST /v1/webhook-endpoints/{id}/test` sends. */
export const webhookTestEventType = 'webhook.test';

/**
 * The JSON body of every webhook delivery (E4): the change's audit action as `type`, and in
 * `data` the resource as the API returns it after the change (`{ id }` for a deletion; never
 * a secret), the names of the fields that changed and who changed them. `id` is the same on
 * every attempt (and in the `webhook-id` header): receivers use it to drop repeats.
 *
 * @example const event = webhookEventSchema.parse(JSON.parse(rawBody)); if (event.type === 'user.added') …
 */
export const webhookEventSchema = z.object({
  id: z.string(),
  /** `area.verb`: `user.added`, `phone_number.released`, `webhook.test`. */
  type: z.string(),
  createdAt: timestampSchema,
  accountId: z.string(),
  data: z.object({
    object: z.record(z.string(), z.unknown()),
    changedFields: z.array(z.string()),
    actor: auditActorSchema,
  }),
});
export type WebhookEvent = z.infer<typeof webhookEventSchema>;
