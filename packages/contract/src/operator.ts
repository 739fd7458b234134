import { z } from 'zod';
import { accountSchema } from './account.js';
import { nameSchema } from './common.js';
import { newAdminSchema, userSchema } from './user.js';

/** Body of `POST /v1/operator/accounts`. */
export const accountCreateSchema = z.strictObject({
  companyName: nameSchema,
  demo: z.boolean().default(false),
  admin: newAdminSchema,
});
export type AccountCreate = z.input<typeof accountCreateSchema>;

/** Answer of `POST /v1/operator/accounts`: the account and its first (pending) admin. */
export const accountCreatedSchema = z.object({
  account: accountSchema,
  admin: userSchema,
});
export type AccountCreated = z.infer<typeof accountCreatedSchema>;

/** Body of `PATCH /v1/operator/accounts/{id}` (A2). */
export const accountDemoUpdateSchema = z.strictObject({ demo: z.boolean() });
export type AccountDemoUpdate = z.input<typeof accountDemoUpdateSchema>;
