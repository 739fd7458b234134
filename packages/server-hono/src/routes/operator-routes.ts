import { operatorRoutes } from '@switchboard/contract';
import { handleRoutes } from '../http/route-definition.js';

/** Operator routes (bearer `SWITCHBOARD_OPERATOR_TOKEN`): open accounts, set the demo flag (A2). */
export const operatorHandlers = handleRoutes(operatorRoutes, {
  createAccount: async ({ switchboard, body }) => {
    const { account, admin } = await switchboard.operator.createAccount(await body());
    return { account, admin };
  },
  setAccountDemo: async ({ switchboard, params, body }) =>
    switchboard.operator.setDemo(params.id, await body()),
});
