import { z } from 'zod';
import { passwordSchema } from './auth.js';
import { nameSchema } from './common.js';

/** Body of `PATCH /v1/me` (U8): only one's own names. */
export const meUpdateSchema = z.strictObject({
  firstName: nameSchema.optional(),
  lastName: nameSchema.optional(),
});
export type MeUpdate = z.input<typeof meUpdateSchema>;

/** Body of `PUT /v1/me/password` (U8). */
export const passwordChangeSchema = z.strictObject({
  currentPassword: passwordSchema,
  newPassword: passwordSchema,
});
export type PasswordChange = z.input<typeof passwordChangeSchema>;

/** Body of `PUT /v1/me/two-factor` (U8): on or off, re-entering the password. */
export const twoFactorChangeSchema = z.strictObject({
  enabled: z.boolean(),
  password: passwordSchema,
});
export type TwoFactorChange = z.input<typeof twoFactorChangeSchema>;
