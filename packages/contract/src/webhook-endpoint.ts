import { z } from 'zod';
import {
  hasControlCharacters,
  idSchema,
  multiLineText,
  singleLineText,
  timestampSchema,
  versionSchema,
} from './common.js';

/**
 * An event type an endpoint subscribes to: one action (`user.added`), every action of an
 * area (`user.*`), or `*` for every event.
 *
 * @example webhookEventTypeSchema.parse('phone_number.*')
 */
export const webhookEventTypeSchema = z
  .string()
  .trim()
  .regex(
    /^(\*|[a-z][a-z0-9_]{0,63}\.([a-z][a-z0-9_]{0,63}|\*))$/,
    'Expected an action (user.added), an area followed by .* (user.*), or *',
  );

const eventTypes = z
  .array(webhookEventTypeSchema)
  .min(1, 'Name at least one event type (or * for all)')
  .max(50, 'At most 50 event types');

/**
 * Where events are sent: an absolute http(s) URL of at most 2000 characters. The server
 * accepts `https://` only, and no loopback, private, link-local or reserved address,
 * unless its operator relaxed that for development.
 */
export const webhookUrlSchema = z
  .string()
  .trim()
  .min(1, 'Required')
  .max(2000, 'At most 2000 characters')
  .refine((value) => !hasControlCharacters(value), 'Control characters are not allowed')
  .pipe(z.url({ protocol: /^https?$/, error: 'Expected an https:// URL' }));

/** Body of `POST /v1/webhook-endpoints`: `eventTypes` default to every event (`['*']`). */
export const webhookEndpointCreateSchema = z.strictObject({
  url: webhookUrlSchema,
  eventTypes: eventTypes.default(['*']),
  description: multiLineText(500).default(''),
});
export type WebhookEndpointCreate = z.input<typeof webhookEndpointCreateSchema>;

/** Body of `PATCH /v1/webhook-endpoints/{id}`: what changes. */
export const webhookEndpointUpdateSchema = z.strictObject({
  url: webhookUrlSchema.optional(),
  eventTypes: eventTypes.optional(),
  description: multiLineText(500).optional(),
  enabled: z.boolean().optional(),
});
export type WebhookEndpointUpdate = z.input<typeof webhookEndpointUpdateSchema>;

/** An endpoint's signing secret: `whsec_` and the base64 of 32 random bytes (Standard Webhooks). */
export const webhookSecretSchema = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]{43}=$/, 'Expected whsec_ and the base64 of 32 bytes');

/** A webhook endpoint as every API returns it (never with its secret). */
export const webhookEndpointSchema = z.object({
  id: idSchema('whe'),
  url: z.string(),
  eventTypes: z.array(z.string()),
  description: z.string(),
  /** False when an admin turned it off, or when it answered 410 Gone. */
  enabled: z.boolean(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  version: versionSchema,
});
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

/** What creating an endpoint answers: the endpoint with its secret, the only time it is shown. */
export const webhookEndpointCreatedSchema = webhookEndpointSchema.extend({
  secret: webhookSecretSchema,
});
export type WebhookEndpointCreated = z.infer<typeof webhookEndpointCreatedSchema>;

/** The account's endpoints. */
export const webhookEndpointListSchema = z.object({ data: z.array(webhookEndpointSchema) });
export type WebhookEndpointList = z.infer<typeof webhookEndpointListSchema>;

/** What rotating the secret answers: the new secret (the old one still signs for 24 hours). */
export const webhookSecretRotationSchema = z.object({ secret: webhookSecretSchema });
export type WebhookSecretRotation = z.infer<typeof webhookSecretRotationSchema>;

/** Where one event stands for one endpoint: still trying, delivered, or given up. */
export const webhookDeliveryStatusSchema = z.enum(['pending', 'succeeded', 'failed']);
export type WebhookDeliveryStatus = z.infer<typeof webhookDeliveryStatusSchema>;

/** One event's delivery to one endpoint, with its last attempt (never the receiver's body). */
export const webhookDeliverySchema = z.object({
  id: idSchema('whd'),
  eventId: z.string(),
  eventType: z.string(),
  status: webhookDeliveryStatusSchema,
  attempts: z.number().int().min(0),
  /** The HTTP status of the last attempt; null when it got none (timeout, refused, not tried). */
  lastResponseStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  /** When it is tried next; null once it succeeded or failed. */
  nextAttemptAt: timestampSchema.nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

/** Query of `GET /v1/webhook-endpoints/{id}/deliveries`: newest first, by cursor. */
export const webhookDeliveryListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: singleLineText(500).min(1).optional(),
});
export type WebhookDeliveryListQuery = z.input<typeof webhookDeliveryListQuerySchema>;

/** One page of deliveries, newest first, and the cursor of the next (null on the last page). */
export const webhookDeliveryPageSchema = z.object({
  data: z.array(webhookDeliverySchema),
  nextCursor: z.string().nullable(),
});
export type WebhookDeliveryPage = z.infer<typeof webhookDeliveryPageSchema>;
