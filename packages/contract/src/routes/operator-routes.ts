import { accountSchema } from '../account.js';
import { accountCreatedSchema, accountCreateSchema, accountDemoUpdateSchema } from '../operator.js';
import { defineRoute } from './route-descriptor.js';

/** Operator routes (the operator's bearer token): open accounts, set the demo flag (A2). */
export const operatorRoutes = {
  createAccount: defineRoute({
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
  }),
  setAccountDemo: defineRoute({
    method: 'patch',
    path: '/v1/operator/accounts/{id}',
    operationId: 'setAccountDemo',
    summary: 'Mark an account as a demo account, or not',
    tag: 'Operator',
    access: 'operator',
    body: accountDemoUpdateSchema,
    versioned: true,
    response: { status: 200, description: 'The account', schema: accountSchema },
    errors: ['forbidden', 'not_found'],
  }),
};
