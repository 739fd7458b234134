import { z } from 'zod';
import { timestampSchema } from '../common.js';
import { etagOf } from '../routes/write-safety.js';
import type { User } from '../user.js';
import { scimUrns } from './scim-protocol.js';

/**
 * A SCIM boolean as identity providers send it: `true`/`false`, or a string of either in
 * any case (Microsoft Entra ID sends `"True"` and `"False"`).
 *
 * @example scimBooleanSchema.parse('False') // false
 */
export const scimBooleanSchema = z
  .union([z.boolean(), z.string().regex(/^(true|false)$/i, 'Expected true or false')])
  .transform((value) => (typeof value === 'boolean' ? value : value.toLowerCase() === 'true'));

/** Switchboard's extension of the User resource: the admin flag and permissions. */
export const scimSwitchboardUserInputSchema = z.looseObject({
  isAdmin: scimBooleanSchema.optional(),
  canCreate: scimBooleanSchema.optional(),
  canShare: scimBooleanSchema.optional(),
});

/**
 * Body of `POST /scim/v2/Users` and `PUT /scim/v2/Users/{id}`: a SCIM User. Attributes
 * Switchboard does not keep (`title`, `phoneNumbers`, `locale`, the enterprise extension,
 * `password`…) are accepted and ignored; the user's fields are checked as on `/v1`.
 */
export const scimUserInputSchema = z.looseObject({
  schemas: z.array(z.string()).optional(),
  /** The user's email (when it is one; else the primary email is). */
  userName: z.string().optional(),
  externalId: z.string().nullable().optional(),
  name: z
    .looseObject({
      givenName: z.string().nullable().optional(),
      familyName: z.string().nullable().optional(),
      formatted: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
  displayName: z.string().nullable().optional(),
  emails: z
    .array(
      z.looseObject({
        value: z.string(),
        type: z.string().nullable().optional(),
        primary: scimBooleanSchema.optional(),
      }),
    )
    .nullable()
    .optional(),
  active: scimBooleanSchema.optional(),
  [scimUrns.switchboardUser]: scimSwitchboardUserInputSchema.nullable().optional(),
});
export type ScimUserInput = z.output<typeof scimUserInputSchema>;

/** A user as `/scim/v2/Users` answers it. */
export const scimUserSchema = z.object({
  schemas: z.array(z.string()),
  /** The user's `usr_…` id. */
  id: z.string(),
  /** The identity provider's id of the user, when it gave one. */
  externalId: z.string().optional(),
  /** The email. */
  userName: z.string(),
  name: z.object({ givenName: z.string(), familyName: z.string(), formatted: z.string() }),
  displayName: z.string(),
  emails: z.array(
    z.object({ value: z.string(), type: z.literal('work'), primary: z.literal(true) }),
  ),
  /** False when the user is deactivated (U9); a pending user is active. */
  active: z.boolean(),
  [scimUrns.switchboardUser]: z.object({
    isAdmin: z.boolean(),
    canCreate: z.boolean(),
    canShare: z.boolean(),
  }),
  meta: z.object({
    resourceType: z.literal('User'),
    created: timestampSchema,
    lastModified: timestampSchema,
    location: z.string(),
    /** The user's ETag, the same as `/v1/users/{id}` answers: `"3"`. */
    version: z.string(),
  }),
});
export type ScimUser = z.infer<typeof scimUserSchema>;

/**
 * The SCIM User of a user and its identity provider's id, located under `baseUrl` (the
 * `/scim/v2` URL the request came to).
 *
 * @example scimUserOf(user, '00u1abc', 'https://admin.example.com/scim/v2').meta.location // '…/scim/v2/Users/usr_…'
 */
export function scimUserOf(user: User, externalId: string | null, baseUrl: string): ScimUser {
  const displayName = `${user.firstName} ${user.lastName}`;
  return {
    schemas: [scimUrns.user, scimUrns.switchboardUser],
    id: user.id,
    ...(externalId === null ? {} : { externalId }),
    userName: user.email,
    name: { givenName: user.firstName, familyName: user.lastName, formatted: displayName },
    displayName,
    emails: [{ value: user.email, type: 'work', primary: true }],
    active: user.status !== 'deactivated',
    [scimUrns.switchboardUser]: {
      isAdmin: user.isAdmin,
      canCreate: user.permissions.canCreate,
      canShare: user.permissions.canShare,
    },
    meta: {
      resourceType: 'User',
      created: user.createdAt,
      lastModified: user.updatedAt,
      location: `${baseUrl}/Users/${user.id}`,
      version: etagOf(user.version),
    },
  };
}
