import { authRoutes } from '@switchboard/contract';
import { bearerToken } from '../http/bearer-token.js';
import { handleRoutes } from '../http/route-definition.js';

/** Sign-in, two-factor codes, sign-out, activation and password resets (D1–D3). */
export const authHandlers = handleRoutes(authRoutes, {
  login: async ({ switchboard, body, origin }) => switchboard.identity.login(await body(), origin),
  verifyLogin: async ({ switchboard, body, origin }) =>
    switchboard.identity.verifyLogin(await body(), origin),
  logout: async ({ switchboard, context }) => {
    const token = bearerToken(context.req.header('authorization'));
    if (token) await switchboard.identity.logout(token);
  },
  describeToken: async ({ switchboard, body, origin }) =>
    switchboard.identity.describeToken(await body(), origin),
  activate: async ({ switchboard, body, origin }) =>
    switchboard.identity.activate(await body(), origin),
  completePasswordReset: async ({ switchboard, body, origin }) =>
    switchboard.identity.completePasswordReset(await body(), origin),
});
