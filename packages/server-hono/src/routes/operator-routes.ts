import { operatorRoutes } from '@switchboard/contract';
import { handleRoutes } from '../http/route-definition.js';

/** Operator routes (bearer `SWITCHBOARD_OPERATOR_TOKEN`): open accounts, set the demo flag (A2). */
export const operatorHandlers = handleRoutes(operatorRoutes, {
  createAccount: async ({ switchboard, operator, body }) => {
    const { account, admin } = await switchboard.operator.createAccount(operator(), await body());
    return { account, admin };
  },
  setAccountDemo: async ({ switchboard, operator, params, body, condition }) =>
    switchboard.operator.setDemo(operator(), params.id, await body(), condition),
});
