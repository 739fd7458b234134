import {
  accountCreatedSchema,
  accountCreateSchema,
  accountDemoUpdateSchema,
  accountSchema,
} from '@switchboard/contract';
import { defineRoutes } from '../http/route-definition.js';

/** Operator routes (bearer `SWITCHBOARD_OPERATOR_TOKEN`): open accounts, set the demo flag (A2). */
export const operatorRoutes = defineRoutes([
  {
    method: 'post',
    path: '/v1/operator/accounts',
    operationId: 'createAccount',
    summary: 'Create a company account and its first admin (who gets an activation email)',
    tag: 'Operator',
    access: 'operator',
    body: accountCreateSchema,
    response: {
      status: 201,
      description: 'The account and its pending admin',
      schema: accountCreatedSchema,
    },
    errors: ['forbidden', 'email_taken'],
    handle: async ({ switchboard, body }) => {
      const { account, admin } = await switchboard.operator.createAccount(await body());
      return { account, admin };
    },
  },
  {
    method: 'patch',
    path: '/v1/operator/accounts/{id}',
    operationId: 'setAccountDemo',
    summary: 'Mark an account as a demo account, or not',
    tag: 'Operator',
    access: 'operator',
    body: accountDemoUpdateSchema,
    response: { status: 200, description: 'The account', schema: accountSchema },
    errors: ['forbidden', 'not_found'],
    handle: async ({ switchboard, params, body }) =>
      switchboard.operator.setDemo(params.id ?? '', await body()),
  },
]);
