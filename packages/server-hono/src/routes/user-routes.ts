import { userRoutes } from '@switchboard/contract';
import { handleRoutes } from '../http/route-definition.js';

/** Managing the users of the account (admins only; U1–U7). */
export const userHandlers = handleRoutes(userRoutes, {
  listUsers: ({ switchboard, actor, query }) => switchboard.users.list(actor(), query),
  addUser: async ({ switchboard, actor, body }) => switchboard.users.add(actor(), await body()),
  getUser: ({ switchboard, actor, params }) => switchboard.users.get(actor(), params.id),
  updateUser: async ({ switchboard, actor, params, body, condition }) =>
    switchboard.users.update(actor(), params.id, await body(), condition),
  deleteUser: ({ switchboard, actor, params, query, condition }) =>
    switchboard.users.delete(actor(), params.id, query, condition),
  sendPasswordReset: async ({ switchboard, actor, params }) => {
    await switchboard.users.sendPasswordReset(actor(), params.id);
    return { accepted: true as const };
  },
  resendActivation: async ({ switchboard, actor, params }) => {
    await switchboard.users.resendActivation(actor(), params.id);
    return { accepted: true as const };
  },
});
