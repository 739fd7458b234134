import {
  userCreateSchema,
  userDeleteQuerySchema,
  userListQuerySchema,
  userPageSchema,
  userSchema,
  userUpdateSchema,
} from '@switchboard/contract';
import { defineRoutes } from '../http/route-definition.js';

/** Managing the users of the account (admins only; U1–U7). */
export const userRoutes = defineRoutes([
  {
    method: 'get',
    path: '/v1/users',
    operationId: 'listUsers',
    summary:
      'One page of the account’s users, by last name, first name, id; `q` searches by prefix',
    tag: 'Users',
    access: 'user',
    adminOnly: true,
    query: userListQuerySchema,
    response: { status: 200, description: 'A page of users', schema: userPageSchema },
    errors: ['forbidden'],
    handle: ({ switchboard, actor, query }) => switchboard.users.list(actor(), query),
  },
  {
    method: 'post',
    path: '/v1/users',
    operationId: 'addUser',
    summary: 'Add a user; they get an activation email',
    tag: 'Users',
    access: 'user',
    adminOnly: true,
    body: userCreateSchema,
    response: { status: 201, description: 'The new, pending user', schema: userSchema },
    errors: ['forbidden', 'email_taken'],
    handle: async ({ switchboard, actor, body }) => switchboard.users.add(actor(), await body()),
  },
  {
    method: 'get',
    path: '/v1/users/{id}',
    operationId: 'getUser',
    summary: 'One user of the account',
    tag: 'Users',
    access: 'user',
    adminOnly: true,
    response: { status: 200, description: 'The user', schema: userSchema },
    errors: ['forbidden', 'not_found'],
    handle: ({ switchboard, actor, params }) => switchboard.users.get(actor(), params.id ?? ''),
  },
  {
    method: 'patch',
    path: '/v1/users/{id}',
    operationId: 'updateUser',
    summary: 'Edit names, email, admin flag or permissions (never two-factor)',
    tag: 'Users',
    access: 'user',
    adminOnly: true,
    body: userUpdateSchema,
    response: { status: 200, description: 'The user', schema: userSchema },
    errors: ['forbidden', 'not_found', 'email_taken', 'last_admin', 'two_factor_not_editable'],
    handle: async ({ switchboard, actor, params, body }) =>
      switchboard.users.update(actor(), params.id ?? '', await body()),
  },
  {
    method: 'delete',
    path: '/v1/users/{id}',
    operationId: 'deleteUser',
    summary: 'Delete a user; their phone numbers pass to `reassignTo` (default: you)',
    tag: 'Users',
    access: 'user',
    adminOnly: true,
    query: userDeleteQuerySchema,
    response: { status: 204, description: 'Deleted' },
    errors: ['forbidden', 'not_found', 'last_admin', 'cannot_delete_self'],
    handle: ({ switchboard, actor, params, query }) =>
      switchboard.users.delete(actor(), params.id ?? '', query),
  },
  {
    method: 'post',
    path: '/v1/users/{id}/password-reset',
    operationId: 'sendPasswordReset',
    summary: 'Email the user a password-reset link (1 hour, single use)',
    tag: 'Users',
    access: 'user',
    adminOnly: true,
    response: { status: 202, description: 'Email queued' },
    errors: ['forbidden', 'not_found'],
    handle: async ({ switchboard, actor, params }) => {
      await switchboard.users.sendPasswordReset(actor(), params.id ?? '');
      return { accepted: true };
    },
  },
  {
    method: 'post',
    path: '/v1/users/{id}/activation-email',
    operationId: 'resendActivation',
    summary: 'Email a pending user a new activation link',
    tag: 'Users',
    access: 'user',
    adminOnly: true,
    response: { status: 202, description: 'Email queued' },
    errors: ['forbidden', 'not_found', 'already_active'],
    handle: async ({ switchboard, actor, params }) => {
      await switchboard.users.resendActivation(actor(), params.id ?? '');
      return { accepted: true };
    },
  },
]);
