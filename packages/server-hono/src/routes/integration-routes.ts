import { integrationAddQuerySchema, integrationRoutes } from '@switchboard/contract';
import { SwitchboardError, toFieldIssues } from '@switchboard/core';
import { handleRoutes } from '../http/route-definition.js';

function verifyFlag(query: Record<string, string>): boolean {
  const parsed = integrationAddQuerySchema.safeParse(query);
  if (!parsed.success) {
    throw new SwitchboardError('validation_failed', 'The query is not valid', {
      issues: toFieldIssues(parsed.error.issues),
    });
  }
  return parsed.data.verify;
}

/** Integrations with third-party services (I1–I6), and the services one can connect. */
export const integrationHandlers = handleRoutes(integrationRoutes, {
  listIntegrationServices: ({ switchboard }) => ({ data: switchboard.integrations.services() }),
  listIntegrations: async ({ switchboard, actor }) => ({
    data: await switchboard.integrations.list(actor()),
  }),
  addIntegration: {
    // A service registered in the core (a fourth one, say) is documented with the others.
    bodyFor: (switchboard) => switchboard.integrations.createSchema,
    handle: async ({ switchboard, actor, body, query }) =>
      switchboard.integrations.add(actor(), await body(), { verify: verifyFlag(query) }),
  },
  getIntegration: ({ switchboard, actor, params }) =>
    switchboard.integrations.get(actor(), params.id),
  updateIntegration: async ({ switchboard, actor, params, body, condition }) =>
    switchboard.integrations.update(actor(), params.id, await body(), condition),
  testIntegration: ({ switchboard, actor, params }) =>
    switchboard.integrations.test(actor(), params.id),
  deleteIntegration: ({ switchboard, actor, params, condition }) =>
    switchboard.integrations.delete(actor(), params.id, condition),
});
