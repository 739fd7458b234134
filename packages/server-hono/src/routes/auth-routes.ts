import {
  loginResultSchema,
  loginSchema,
  loginVerifySchema,
  sessionSchema,
  tokenPasswordSchema,
} from '@switchboard/contract';
import { bearerToken } from '../http/bearer-token.js';
import { defineRoutes } from '../http/route-definition.js';

/** Sign-in, two-factor codes, sign-out, activation and password resets (D1–D3). */
export const authRoutes = defineRoutes([
  {
    method: 'post',
    path: '/v1/auth/login',
    operationId: 'login',
    summary: 'Sign in; with two-factor on, answers a challenge and emails a code',
    tag: 'Auth',
    access: 'public',
    body: loginSchema,
    response: {
      status: 200,
      description: 'A session, or a two-factor challenge',
      schema: loginResultSchema,
    },
    errors: ['invalid_credentials', 'rate_limited'],
    handle: async ({ switchboard, body, origin }) =>
      switchboard.identity.login(await body(), origin),
  },
  {
    method: 'post',
    path: '/v1/auth/login/verify',
    operationId: 'verifyLogin',
    summary: 'Complete a two-factor sign-in with the emailed 6-digit code',
    tag: 'Auth',
    access: 'public',
    body: loginVerifySchema,
    response: { status: 200, description: 'A session', schema: sessionSchema },
    errors: ['invalid_code', 'rate_limited'],
    handle: async ({ switchboard, body, origin }) =>
      switchboard.identity.verifyLogin(await body(), origin),
  },
  {
    method: 'post',
    path: '/v1/auth/logout',
    operationId: 'logout',
    summary: 'End the session of the bearer token',
    tag: 'Auth',
    access: 'public',
    response: { status: 204, description: 'Signed out' },
    errors: [],
    handle: async ({ switchboard, context }) => {
      const token = bearerToken(context.req.header('authorization'));
      if (token) await switchboard.identity.logout(token);
    },
  },
  {
    method: 'post',
    path: '/v1/auth/activate',
    operationId: 'activate',
    summary: 'Activate a new user with the emailed token and their chosen password',
    tag: 'Auth',
    access: 'public',
    body: tokenPasswordSchema,
    response: { status: 200, description: 'The now active user, signed in', schema: sessionSchema },
    errors: ['invalid_token', 'weak_password', 'rate_limited'],
    handle: async ({ switchboard, body, origin }) =>
      switchboard.identity.activate(await body(), origin),
  },
  {
    method: 'post',
    path: '/v1/auth/password-reset/complete',
    operationId: 'completePasswordReset',
    summary: 'Set a new password with the emailed reset token; ends every session',
    tag: 'Auth',
    access: 'public',
    body: tokenPasswordSchema,
    response: { status: 204, description: 'Password changed' },
    errors: ['invalid_token', 'weak_password', 'rate_limited'],
    handle: async ({ switchboard, body, origin }) =>
      switchboard.identity.completePasswordReset(await body(), origin),
  },
]);
