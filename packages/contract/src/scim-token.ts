import { z } from 'zod';
import { idSchema, singleLineText, timestampSchema } from './common.js';

/**
 * A bearer token an identity provider (Okta, Entra ID…) provisions the account's users with
 * at `/scim/v2` (S1). Only its hash is stored; lists never show it.
 */
export const scimTokenSchema = z.object({
  id: idSchema('sct'),
  description: z.string(),
  createdAt: timestampSchema,
  /** When the token last authenticated a SCIM request (to the minute), or null. */
  lastUsedAt: timestampSchema.nullable(),
});
export type ScimToken = z.infer<typeof scimTokenSchema>;

/** A new token, with the secret itself: the only time it is shown. */
export const scimTokenCreatedSchema = scimTokenSchema.extend({
  /** `Authorization: Bearer <token>` on `/scim/v2`; shown this once, stored hashed. */
  token: z.string(),
});
export type ScimTokenCreated = z.infer<typeof scimTokenCreatedSchema>;

/** Body of `POST /v1/scim-tokens`: what the token is for (`Okta`, `Entra ID`). */
export const scimTokenCreateSchema = z.strictObject({
  description: singleLineText(200).default(''),
});
export type ScimTokenCreate = z.input<typeof scimTokenCreateSchema>;

/** The account's SCIM tokens, newest first, without the secrets. */
export const scimTokenListSchema = z.object({ data: z.array(scimTokenSchema) });
export type ScimTokenList = z.infer<typeof scimTokenListSchema>;
