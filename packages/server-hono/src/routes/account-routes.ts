import { accountRoutes } from '@switchboard/contract';
import { handleRoutes } from '../http/route-definition.js';

/** `GET/PATCH /v1/account`: the company's details (A1). */
export const accountHandlers = handleRoutes(accountRoutes, {
  getAccount: ({ switchboard, actor }) => switchboard.account.get(actor()),
  updateAccount: async ({ switchboard, actor, body, condition }) =>
    switchboard.account.update(actor(), await body(), condition),
});
