import { z } from 'zod';
import { idSchema, singleLineText, timestampSchema, versionSchema } from './common.js';

/** A phone number of the account (P1). */
export const phoneNumberSchema = z.object({
  id: idSchema('pn'),
  /** E.164, never changes. */
  number: z.string(),
  ownerId: idSchema('usr'),
  pci: z.boolean(),
  /** The application deployed on the number, or null. */
  applicationId: z.string().nullable(),
  createdAt: timestampSchema,
  version: versionSchema,
});
export type PhoneNumber = z.infer<typeof phoneNumberSchema>;

/** Kinds of number a request can name; only `toll_free` is self-service (P3). */
export const phoneNumberTypes = ['toll_free', 'local', 'specific', 'vanity', 'resporg'] as const;

/** Body of `POST /v1/phone-numbers` (P3). */
export const phoneNumberRequestSchema = z.strictObject({
  type: z.enum(phoneNumberTypes),
  pci: z.boolean().default(false),
  ownerId: idSchema('usr').optional(),
});
export type PhoneNumberRequest = z.input<typeof phoneNumberRequestSchema>;

/** Body of `PATCH /v1/phone-numbers/{id}` (P2, P5). */
export const phoneNumberUpdateSchema = z.strictObject({
  ownerId: idSchema('usr').optional(),
  applicationId: singleLineText(100).min(1, 'Required').nullable().optional(),
});
export type PhoneNumberUpdate = z.input<typeof phoneNumberUpdateSchema>;

/** Query of `GET /v1/phone-numbers`. */
export const phoneNumberListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: singleLineText(500).min(1).optional(),
});
export type PhoneNumberListQuery = z.input<typeof phoneNumberListQuerySchema>;

/** One page of phone numbers, ordered by number. */
export const phoneNumberPageSchema = z.object({
  data: z.array(phoneNumberSchema),
  nextCursor: z.string().nullable(),
});
export type PhoneNumberPage = z.infer<typeof phoneNumberPageSchema>;
