import { z } from 'zod';
import { emailSchema, idSchema, nameSchema, timestampSchema } from './common.js';

/** What a user may do with applications (seed: "Can Create", "Can Share"). */
export const permissionsSchema = z.object({ canCreate: z.boolean(), canShare: z.boolean() });
export type Permissions = z.infer<typeof permissionsSchema>;

/** A user of a company account as every API returns it. */
export const userSchema = z.object({
  id: idSchema('usr'),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  isAdmin: z.boolean(),
  permissions: permissionsSchema,
  twoFactorEnabled: z.boolean(),
  status: z.enum(['pending', 'active']),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type User = z.infer<typeof userSchema>;

/** The first admin of an account, as the operator names them. */
export const newAdminSchema = z.strictObject({
  firstName: nameSchema,
  lastName: nameSchema,
  email: emailSchema,
});
export type NewAdmin = z.input<typeof newAdminSchema>;
