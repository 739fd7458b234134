import { z } from 'zod';
import { singleLineText } from '../common.js';
import { scimMaxResults, scimUrns } from './scim-protocol.js';
import { scimUserSchema } from './scim-user.js';

/**
 * Query of `GET /scim/v2/Users` (RFC 7644 §3.4.2): a `filter`, a 1-based `startIndex` (below
 * 1 counts as 1) and a `count` (below 0 as 0, above `scimMaxResults` as that). Other
 * parameters (`attributes`, `excludedAttributes`, `sortBy`) are accepted and ignored: answers
 * hold every attribute, in the list's own order.
 */
export const scimListQuerySchema = z.object({
  filter: singleLineText(1000).optional(),
  startIndex: z.coerce
    .number()
    .int()
    .default(1)
    .transform((value) => Math.max(1, value)),
  count: z.coerce
    .number()
    .int()
    .default(scimMaxResults)
    .transform((value) => Math.min(scimMaxResults, Math.max(0, value))),
});
export type ScimListQuery = z.input<typeof scimListQuerySchema>;

const listResponse = <T extends z.ZodType>(resource: T) =>
  z.object({
    schemas: z.tuple([z.literal(scimUrns.listResponse)]),
    /** Every match, not only this page's. */
    totalResults: z.number().int().min(0),
    startIndex: z.number().int().min(1),
    itemsPerPage: z.number().int().min(0),
    Resources: z.array(resource),
  });

/** A page of users (RFC 7644 §3.4.2). */
export const scimUserListSchema = listResponse(scimUserSchema);
export type ScimUserList = z.infer<typeof scimUserListSchema>;

/** The answer of `GET /scim/v2/Groups`: always empty (groups are not provisioned). */
export const scimGroupListSchema = listResponse(z.never());
export type ScimGroupList = z.infer<typeof scimGroupListSchema>;
