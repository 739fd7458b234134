import { accountSchema, accountUpdateSchema } from '../account.js';
import { defineRoute } from './route-descriptor.js';

/** `GET/PATCH /v1/account`: the company's details (A1). */
export const accountRoutes = {
  getAccount: defineRoute({
    method: 'get',
    path: '/v1/account',
    operationId: 'getAccount',
    summary: "The signed-in user's company account",
    tag: 'Account',
    access: 'user',
    versioned: true,
    response: { status: 200, description: 'The account', schema: accountSchema },
    errors: [],
  }),
  updateAccount: defineRoute({
    method: 'patch',
    path: '/v1/account',
    operationId: 'updateAccount',
    summary: "Update the company's details",
    tag: 'Account',
    access: 'user',
    adminOnly: true,
    body: accountUpdateSchema,
    versioned: true,
    response: { status: 200, description: 'The updated account', schema: accountSchema },
    errors: ['forbidden'],
  }),
};
