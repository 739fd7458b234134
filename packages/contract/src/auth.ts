import { z } from 'zod';
import { singleLineText, timestampSchema } from './common.js';
import { userSchema } from './user.js';

/**
 * A password as sent. Length (12..256, D1) is checked by the core so that a refused
 * password answers `weak_password` and does not use up an emailed token.
 */
export const passwordSchema = z.string().max(4096, 'At most 4096 characters');

/** Body of `POST /v1/auth/login`. */
export const loginSchema = z.strictObject({
  email: singleLineText(1000),
  password: passwordSchema,
});
export type Login = z.input<typeof loginSchema>;

/** A signed-in session: the bearer token and its user. */
export const sessionSchema = z.object({ token: z.string(), user: userSchema });
export type Session = z.infer<typeof sessionSchema>;

/** With two-factor on, sign-in first answers with a challenge; the code goes by email. */
export const loginChallengeSchema = z.object({
  challenge: z.object({ id: z.string(), expiresAt: timestampSchema }),
});
export type LoginChallenge = z.infer<typeof loginChallengeSchema>;

/** Answer of `POST /v1/auth/login`. */
export const loginResultSchema = z.union([sessionSchema, loginChallengeSchema]);
export type LoginResult = z.infer<typeof loginResultSchema>;

/** Body of `POST /v1/auth/login/verify`. */
export const loginVerifySchema = z.strictObject({
  challengeId: singleLineText(100).min(1, 'Required'),
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'Expected the 6-digit code'),
});
export type LoginVerify = z.input<typeof loginVerifySchema>;

/** Body of `POST /v1/auth/activate` and `POST /v1/auth/password-reset/complete`. */
export const tokenPasswordSchema = z.strictObject({
  token: singleLineText(200).min(1, 'Required'),
  password: passwordSchema,
});
export type TokenPassword = z.input<typeof tokenPasswordSchema>;

/** Body of `POST /v1/auth/token-info`: an emailed token, not used up by asking. */
export const tokenInfoRequestSchema = z.strictObject({
  token: singleLineText(200).min(1, 'Required'),
});
export type TokenInfoRequest = z.input<typeof tokenInfoRequestSchema>;

/** What an emailed link is for, and whose it is, so the page can say it before a password is chosen. */
export const tokenInfoSchema = z.object({
  purpose: z.enum(['activation', 'password_reset']),
  email: z.string(),
  firstName: z.string(),
  companyName: z.string(),
  expiresAt: timestampSchema,
});
export type TokenInfo = z.infer<typeof tokenInfoSchema>;
