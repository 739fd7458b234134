import {
  type IntegrationServiceInfo,
  integrationAddQuerySchema,
  integrationCreateSchema,
  integrationRoutes,
} from '@switchboard/contract';
import { type Switchboard, SwitchboardError, toFieldIssues } from '@switchboard/core';
import type { z } from 'zod';
import { handleRoutes } from '../http/route-definition.js';

/**
 * What the routes read of the core's integration-service registry. Both members are
 * optional so that this package also builds against a core without the registry; against
 * one with it, TypeScript checks they still fit.
 */
type IntegrationsWithRegistry = Pick<Switchboard['integrations'], 'list'> & {
  /** The services one can connect, with their Add form fields. */
  services?(): readonly IntegrationServiceInfo[] | Promise<readonly IntegrationServiceInfo[]>;
  /** The body of `POST /v1/integrations` for every registered service. */
  createSchema?: z.ZodType;
};

const registryOf = (switchboard: Switchboard): IntegrationsWithRegistry => switchboard.integrations;

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
  listIntegrationServices: async ({ switchboard }) => {
    const integrations = registryOf(switchboard);
    if (!integrations.services) {
      throw new Error(
        'switchboard.integrations.services() is missing: this core has no integration-service registry',
      );
    }
    return { data: [...(await integrations.services())] };
  },
  listIntegrations: async ({ switchboard, actor }) => ({
    data: await switchboard.integrations.list(actor()),
  }),
  addIntegration: {
    // A service registered in the core (a fourth one, say) is documented with the others.
    bodyFor: (switchboard) => registryOf(switchboard).createSchema ?? integrationCreateSchema,
    handle: async ({ switchboard, actor, body, query }) =>
      switchboard.integrations.add(actor(), await body(), { verify: verifyFlag(query) }),
  },
  getIntegration: ({ switchboard, actor, params }) =>
    switchboard.integrations.get(actor(), params.id),
  updateIntegration: async ({ switchboard, actor, params, body }) =>
    switchboard.integrations.update(actor(), params.id, await body()),
  testIntegration: ({ switchboard, actor, params }) =>
    switchboard.integrations.test(actor(), params.id),
  deleteIntegration: ({ switchboard, actor, params }) =>
    switchboard.integrations.delete(actor(), params.id),
});
