import { meRoutes } from '@switchboard/contract';
import { handleRoutes } from '../http/route-definition.js';

/** What every signed-in user may do to themselves (U8). */
export const meHandlers = handleRoutes(meRoutes, {
  getMe: ({ switchboard, actor }) => switchboard.me.get(actor()),
  updateMe: async ({ switchboard, actor, body, condition }) =>
    switchboard.me.update(actor(), await body(), condition),
  changeMyPassword: async ({ switchboard, actor, body }) =>
    switchboard.me.changePassword(actor(), await body()),
  setMyTwoFactor: async ({ switchboard, actor, body }) =>
    switchboard.me.setTwoFactor(actor(), await body()),
});
