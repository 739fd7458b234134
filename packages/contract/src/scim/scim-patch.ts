import { z } from 'zod';
import { scimMaxPatchOperations, scimUrns } from './scim-protocol.js';

/**
 * One operation of a PatchOp: `add`, `replace` or `remove` in any case (Entra sends
 * `Replace`), an attribute `path` (`active`, `name.givenName`, `emails[type eq "work"].value`,
 * the extension's `urn:…:isAdmin`) or none, and a value (a string boolean such as `"False"`
 * counts as the boolean).
 */
export const scimPatchOperationSchema = z.looseObject({
  op: z
    .string()
    .transform((op) => op.toLowerCase())
    .pipe(z.enum(['add', 'replace', 'remove'])),
  path: z.string().max(500).optional(),
  value: z.unknown().optional(),
});
export type ScimPatchOperation = z.output<typeof scimPatchOperationSchema>;

/** Body of `PATCH /scim/v2/Users/{id}` (RFC 7644 §3.5.2). */
export const scimPatchSchema = z.looseObject({
  schemas: z
    .array(z.string())
    .refine((schemas) => schemas.includes(scimUrns.patchOp), `Expected ${scimUrns.patchOp}`),
  Operations: z.array(scimPatchOperationSchema).min(1).max(scimMaxPatchOperations),
});
export type ScimPatch = z.input<typeof scimPatchSchema>;
