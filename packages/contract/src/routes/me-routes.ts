import { meUpdateSchema, passwordChangeSchema, twoFactorChangeSchema } from '../me.js';
import { userSchema } from '../user.js';
import { defineRoute } from './route-descriptor.js';

/** What every signed-in user may do to themselves (U8). */
export const meRoutes = {
  getMe: defineRoute({
    method: 'get',
    path: '/v1/me',
    operationId: 'getMe',
    summary: 'The signed-in user',
    tag: 'Me',
    access: 'user',
    versioned: true,
    response: { status: 200, description: 'The user', schema: userSchema },
    errors: [],
  }),
  updateMe: defineRoute({
    method: 'patch',
    path: '/v1/me',
    operationId: 'updateMe',
    summary: 'Change your first or last name',
    tag: 'Me',
    access: 'user',
    body: meUpdateSchema,
    versioned: true,
    response: { status: 200, description: 'The user', schema: userSchema },
    errors: [],
  }),
  changeMyPassword: defineRoute({
    method: 'put',
    path: '/v1/me/password',
    operationId: 'changeMyPassword',
    summary: 'Change your password (other sessions end)',
    tag: 'Me',
    access: 'user',
    body: passwordChangeSchema,
    response: { status: 204, description: 'Password changed' },
    errors: ['wrong_password', 'weak_password', 'rate_limited'],
  }),
  setMyTwoFactor: defineRoute({
    method: 'put',
    path: '/v1/me/two-factor',
    operationId: 'setMyTwoFactor',
    summary: 'Turn your two-factor sign-in on or off, re-entering your password',
    tag: 'Me',
    access: 'user',
    body: twoFactorChangeSchema,
    response: { status: 200, description: 'The user', schema: userSchema },
    errors: ['wrong_password', 'rate_limited'],
  }),
};
