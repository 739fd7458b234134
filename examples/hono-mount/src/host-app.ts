import { isSwitchboardError, type Switchboard } from '@switchboard/core';
import { createSwitchboardApp } from '@switchboard/server-hono';
import { Hono } from 'hono';

/** One of the host app's own users, and the Switchboard user they act as. */
export interface HostUser {
  name: string;
  switchboardUserId: string;
}

/**
 * The "existing" app: it signs its callers in with its own API keys (`x-api-key`), serves
 * its own routes, and mounts the Switchboard admin API under `/admin`, telling it who is
 * acting through `authenticate`. Switchboard's own sessions are not used at all.
 */
export function createHostApp(sb: Switchboard, apiKeys: ReadonlyMap<string, HostUser>): Hono {
  const userOf = (request: Request): HostUser | null => {
    const key = request.headers.get('x-api-key');
    return key ? (apiKeys.get(key) ?? null) : null;
  };

  const app = new Hono();

  // A route of the host app itself, behind the same API keys.
  app.get('/whoami', (c) => {
    const user = userOf(c.req.raw);
    return user ? c.json({ name: user.name }) : c.json({ error: 'unknown API key' }, 401);
  });

  app.route(
    '/admin',
    createSwitchboardApp(sb, {
      // null means "not signed in": Switchboard answers 401 problem+json.
      authenticate: async (request) => {
        const user = userOf(request);
        if (!user) return null;
        try {
          // Resolved per request, so a changed admin flag takes effect at once.
          return await sb.identity.actorFor(user.switchboardUserId);
        } catch (error) {
          // The Switchboard user was deleted: treat the key as signed out.
          if (isSwitchboardError(error, 'not_found')) return null;
          throw error;
        }
      },
    }),
  );

  return app;
}
