import { z } from 'zod';
import { scimUrns } from './scim-protocol.js';

/** The `scimType` values of RFC 7644 §3.12 that Switchboard answers with. */
export const scimErrorTypeSchema = z.enum([
  'invalidFilter',
  'invalidSyntax',
  'invalidPath',
  'invalidValue',
  'uniqueness',
  'mutability',
  'noTarget',
  'tooMany',
]);
export type ScimErrorType = z.infer<typeof scimErrorTypeSchema>;

/**
 * A SCIM error (RFC 7644 §3.12): `status` is the HTTP status as a string; `scimType` says
 * what was wrong for the 400 and 409 answers that have one.
 *
 * @example { schemas: [scimUrns.error], status: '409', scimType: 'uniqueness', detail: 'This email address is already in use' }
 */
export const scimErrorSchema = z.object({
  schemas: z.tuple([z.literal(scimUrns.error)]),
  status: z.string().regex(/^[1-5][0-9]{2}$/),
  scimType: scimErrorTypeSchema.optional(),
  detail: z.string().optional(),
});
export type ScimError = z.infer<typeof scimErrorSchema>;
