import { metaRoutes } from '@switchboard/contract';
import { handleRoutes } from '../http/route-definition.js';

/** `GET /healthz`: answers once the app is serving (the server migrates before it listens). */
export const metaHandlers = handleRoutes(metaRoutes, {
  health: () => ({ ok: true as const }),
});
