import { z } from 'zod';
import {
  emailSchema,
  idSchema,
  nameSchema,
  singleLineText,
  timestampSchema,
  versionSchema,
} from './common.js';

/** What a user may do with applications (seed: "Can Create", "Can Share"). */
export const permissionsSchema = z.object({ canCreate: z.boolean(), canShare: z.boolean() });
export type Permissions = z.infer<typeof permissionsSchema>;

/**
 * Where a user stands: `pending` until they set a password from their activation link,
 * `active`, or `deactivated` by an admin or the identity provider (U9): blocked from signing
 * in, kept with their numbers and history.
 */
export const userStatusSchema = z.enum(['pending', 'active', 'deactivated']);
export type UserStatus = z.infer<typeof userStatusSchema>;

/** A user of a company account as every API returns it. */
export const userSchema = z.object({
  id: idSchema('usr'),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  isAdmin: z.boolean(),
  permissions: permissionsSchema,
  twoFactorEnabled: z.boolean(),
  status: userStatusSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  version: versionSchema,
});
export type User = z.infer<typeof userSchema>;

/** The first admin of an account, as the operator names them. */
export const newAdminSchema = z.strictObject({
  firstName: nameSchema,
  lastName: nameSchema,
  email: emailSchema,
});
export type NewAdmin = z.input<typeof newAdminSchema>;

/** `{ canCreate?, canShare? }` as sent: missing flags keep their value (or default to false on add). */
export const permissionsInputSchema = z.strictObject({
  canCreate: z.boolean().optional(),
  canShare: z.boolean().optional(),
});

/** Body of `POST /v1/users` (U2). */
export const userCreateSchema = z.strictObject({
  firstName: nameSchema,
  lastName: nameSchema,
  email: emailSchema,
  isAdmin: z.boolean().default(false),
  permissions: permissionsInputSchema.default({}),
});
export type UserCreate = z.input<typeof userCreateSchema>;

/**
 * Body of `PATCH /v1/users/{id}` (U3, U9). `twoFactorEnabled` is not editable by an admin: a
 * body carrying it is refused with `two_factor_not_editable` before anything else. `status`
 * deactivates (`deactivated`) or reactivates (`active`: back to active, or to pending when
 * they never set a password).
 */
export const userUpdateSchema = z.strictObject({
  firstName: nameSchema.optional(),
  lastName: nameSchema.optional(),
  email: emailSchema.optional(),
  isAdmin: z.boolean().optional(),
  permissions: permissionsInputSchema.optional(),
  status: z.enum(['active', 'deactivated']).optional(),
});
export type UserUpdate = z.input<typeof userUpdateSchema>;

/** Query of `GET /v1/users` (U7); `status` keeps only the users in that state. */
export const userListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: singleLineText(500).min(1).optional(),
  q: singleLineText(254).optional(),
  status: userStatusSchema.optional(),
});
export type UserListQuery = z.input<typeof userListQuerySchema>;

/** One page of users and the cursor of the next (null on the last page). */
export const userPageSchema = z.object({
  data: z.array(userSchema),
  nextCursor: z.string().nullable(),
});
export type UserPage = z.infer<typeof userPageSchema>;

/** Query of `DELETE /v1/users/{id}` (U5). */
export const userDeleteQuerySchema = z.strictObject({ reassignTo: idSchema('usr').optional() });
export type UserDeleteQuery = z.input<typeof userDeleteQuerySchema>;

/**
 * What an identity provider sets beside a user's fields when it provisions them (SCIM):
 * its own id of the user (`externalId`, null to clear) and, on add, whether they start
 * deactivated. Taken by `users.add` and `users.update` in-process; not part of `/v1` bodies.
 */
export const userProvisioningSchema = z.strictObject({
  externalId: singleLineText(255).min(1, 'Required').nullable().optional(),
  deactivated: z.boolean().optional(),
});
export type UserProvisioning = z.input<typeof userProvisioningSchema>;
