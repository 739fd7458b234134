import {
  integrationAddQuerySchema,
  integrationCreateSchema,
  integrationListSchema,
  integrationSchema,
  integrationTestResultSchema,
  integrationUpdateSchema,
} from '@switchboard/contract';
import { SwitchboardError, toFieldIssues } from '@switchboard/core';
import { defineRoutes } from '../http/route-definition.js';

function verifyFlag(query: Record<string, string>): boolean {
  const parsed = integrationAddQuerySchema.safeParse(query);
  if (!parsed.success) {
    throw new SwitchboardError('validation_failed', 'The query is not valid', {
      issues: toFieldIssues(parsed.error.issues),
    });
  }
  return parsed.data.verify;
}

/** Integrations with Dialogflow, DynamoDB and S3 (I1–I6). */
export const integrationRoutes = defineRoutes([
  {
    method: 'get',
    path: '/v1/integrations',
    operationId: 'listIntegrations',
    summary: 'The account’s integrations (every user)',
    tag: 'Integrations',
    access: 'user',
    response: { status: 200, description: 'The integrations', schema: integrationListSchema },
    errors: [],
    handle: async ({ switchboard, actor }) => ({
      data: await switchboard.integrations.list(actor()),
    }),
  },
  {
    method: 'post',
    path: '/v1/integrations',
    operationId: 'addIntegration',
    summary: 'Add an integration; its credentials are verified first unless verify=false',
    tag: 'Integrations',
    access: 'user',
    adminOnly: true,
    query: integrationAddQuerySchema,
    body: integrationCreateSchema,
    response: { status: 201, description: 'The integration', schema: integrationSchema },
    errors: ['forbidden', 'integration_name_taken', 'integration_unreachable'],
    handle: async ({ switchboard, actor, body, query }) =>
      switchboard.integrations.add(actor(), await body(), { verify: verifyFlag(query) }),
  },
  {
    method: 'get',
    path: '/v1/integrations/{id}',
    operationId: 'getIntegration',
    summary: 'One integration (every user)',
    tag: 'Integrations',
    access: 'user',
    response: { status: 200, description: 'The integration', schema: integrationSchema },
    errors: ['not_found'],
    handle: ({ switchboard, actor, params }) =>
      switchboard.integrations.get(actor(), params.id ?? ''),
  },
  {
    method: 'patch',
    path: '/v1/integrations/{id}',
    operationId: 'updateIntegration',
    summary: 'Rename or re-describe an integration; its configuration never changes',
    tag: 'Integrations',
    access: 'user',
    adminOnly: true,
    body: integrationUpdateSchema,
    response: { status: 200, description: 'The integration', schema: integrationSchema },
    errors: ['forbidden', 'not_found', 'integration_name_taken', 'integration_config_immutable'],
    handle: async ({ switchboard, actor, params, body }) =>
      switchboard.integrations.update(actor(), params.id ?? '', await body()),
  },
  {
    method: 'post',
    path: '/v1/integrations/{id}/test',
    operationId: 'testIntegration',
    summary: 'Try the stored credentials against the service again',
    tag: 'Integrations',
    access: 'user',
    adminOnly: true,
    response: { status: 200, description: 'The outcome', schema: integrationTestResultSchema },
    errors: ['forbidden', 'not_found'],
    handle: ({ switchboard, actor, params }) =>
      switchboard.integrations.test(actor(), params.id ?? ''),
  },
  {
    method: 'delete',
    path: '/v1/integrations/{id}',
    operationId: 'deleteIntegration',
    summary: 'Delete an integration',
    tag: 'Integrations',
    access: 'user',
    adminOnly: true,
    response: { status: 204, description: 'Deleted' },
    errors: ['forbidden', 'not_found'],
    handle: ({ switchboard, actor, params }) =>
      switchboard.integrations.delete(actor(), params.id ?? ''),
  },
]);
