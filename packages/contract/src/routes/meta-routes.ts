import { healthSchema } from '../meta.js';
import { defineRoute } from './route-descriptor.js';

/** `GET /healthz`: answers once the server is serving (it migrates before it listens). */
export const metaRoutes = {
  health: defineRoute({
    method: 'get',
    path: '/healthz',
    operationId: 'health',
    summary: 'Liveness: the server is up and its database migrated',
    tag: 'Meta',
    access: 'public',
    response: { status: 200, description: 'Healthy', schema: healthSchema },
    errors: [],
  }),
};
