import { healthSchema } from '@switchboard/contract';
import { defineRoutes } from '../http/route-definition.js';

/** `GET /healthz`: answers once the app is serving (the server migrates before it listens). */
export const metaRoutes = defineRoutes([
  {
    method: 'get',
    path: '/healthz',
    operationId: 'health',
    summary: 'Liveness: the server is up and its database migrated',
    tag: 'Meta',
    access: 'public',
    response: { status: 200, description: 'Healthy', schema: healthSchema },
    errors: [],
    handle: async () => ({ ok: true }),
  },
]);
