import {
  etagOf,
  pathIdSchema,
  scimResourceTypes,
  scimSchemas,
  scimServiceProviderConfig,
  scimUrns,
  scimUserOf,
} from '@switchboard/contract';
import {
  type Logger,
  type ProvisionedUser,
  type ScimActor,
  type Switchboard,
  SwitchboardError,
} from '@switchboard/core';
import type { Context, Hono } from 'hono';
import { bearerToken } from '../http/bearer-token.js';
import { clientAddress } from '../http/client-address.js';
import { matchesIfNoneMatch } from '../http/if-match.js';
import { allowHeader } from '../http/method-not-allowed.js';
import { readJsonBody } from '../http/read-json-body.js';
import { registerRoute } from '../http/register-route.js';
import { type RequestIdEnv, requestIdOf, stampRequestId } from '../http/request-id.js';
import { scimAnswer, scimErrorAnswer, scimErrorOf } from './scim-answer.js';
import { scimBaseUrl, scimPath, scimVersionCondition } from './scim-request.js';

export interface ScimRoutesOptions {
  switchboard: Switchboard;
  /** Largest accepted request body in bytes, as for the rest of the API. */
  maxBodyBytes: number;
  trustProxy: boolean;
  logger: Pick<Logger, 'error'>;
}

/** What a SCIM handler gets: the request, its SCIM actor and the `/scim/v2` URL it came to. */
interface ScimInput {
  c: Context;
  switchboard: Switchboard;
  actor: ScimActor;
  base: string;
  /** The JSON body, under the size limit (`application/scim+json` or `application/json`). */
  body(): Promise<unknown>;
  /** The `{id}` of the path, checked like every path id of the API. */
  id(): string;
}

type ScimHandler = (input: ScimInput) => Promise<Response> | Response;

/** The SCIM operations by path (under `/scim/v2`) and method. */
const operations: Record<string, Record<string, ScimHandler>> = {
  '/ServiceProviderConfig': {
    get: ({ c, base }) => scimAnswer(c, 200, scimServiceProviderConfig(base)),
  },
  '/ResourceTypes': { get: ({ c, base }) => scimAnswer(c, 200, scimResourceTypes(base)) },
  '/Schemas': { get: ({ c, base }) => scimAnswer(c, 200, scimSchemas(base)) },
  '/Users': {
    get: async ({ c, switchboard, actor, base }) => {
      const page = await switchboard.scim.listUsers(actor, c.req.query());
      return scimAnswer(c, 200, {
        schemas: [scimUrns.listResponse],
        totalResults: page.totalResults,
        startIndex: page.startIndex,
        itemsPerPage: page.users.length,
        Resources: page.users.map(({ user, externalId }) => scimUserOf(user, externalId, base)),
      });
    },
    post: async ({ c, switchboard, actor, base, body }) =>
      userAnswer(c, 201, await switchboard.scim.createUser(actor, await body()), base),
  },
  '/Users/:id': {
    get: async ({ c, switchboard, actor, base, id }) => {
      const found = await switchboard.scim.getUser(actor, id());
      if (matchesIfNoneMatch(c, found.user.version)) {
        return c.body(null, 304, { etag: etagOf(found.user.version) });
      }
      return userAnswer(c, 200, found, base);
    },
    put: async ({ c, switchboard, actor, base, id, body }) => {
      const condition = scimVersionCondition(c);
      const replaced = await switchboard.scim.replaceUser(actor, id(), await body(), condition);
      return userAnswer(c, 200, replaced, base);
    },
    patch: async ({ c, switchboard, actor, base, id, body }) => {
      const condition = scimVersionCondition(c);
      const patched = await switchboard.scim.patchUser(actor, id(), await body(), condition);
      return userAnswer(c, 200, patched, base);
    },
    delete: async ({ c, switchboard, actor, id }) => {
      await switchboard.scim.deleteUser(actor, id(), scimVersionCondition(c));
      return c.body(null, 204);
    },
  },
  '/Groups': {
    get: ({ c }) => {
      const startIndex = Math.max(1, Number.parseInt(c.req.query('startIndex') ?? '1', 10) || 1);
      return scimAnswer(c, 200, {
        schemas: [scimUrns.listResponse],
        totalResults: 0,
        startIndex,
        itemsPerPage: 0,
        Resources: [],
      });
    },
  },
};

/** One user as SCIM answers it, with its ETag (and `location` when created). */
function userAnswer(c: Context, status: 200 | 201, found: ProvisionedUser, base: string) {
  const resource = scimUserOf(found.user, found.externalId, base);
  return scimAnswer(c, status, resource, {
    etag: resource.meta.version,
    ...(status === 201 ? { location: resource.meta.location } : {}),
  });
}

/**
 * Registers SCIM 2.0 (RFC 7644) at `/scim/v2` on the app (S1): discovery, Users, an empty
 * Groups. Every request needs a SCIM token (`Authorization: Bearer`), which picks the
 * account; its changes go through the users service as the SCIM actor. Bodies are limited
 * like the rest of the API, wrong tokens rate-limited per client address; every answer,
 * errors included, is `application/scim+json`. A method a path lacks answers 405 with
 * `Allow`; an unknown path under `/scim/v2` 404 — both as SCIM errors.
 */
export function registerScimRoutes(app: Hono<RequestIdEnv>, options: ScimRoutesOptions): void {
  const { switchboard, maxBodyBytes, trustProxy, logger } = options;
  for (const [path, methods] of Object.entries(operations)) {
    for (const [method, handler] of Object.entries(methods)) {
      registerRoute(app, method, `${scimPath}${path}`, async (c) => {
        switchboard.serving.noteRequest();
        const requestId = requestIdOf(c);
        try {
          const address = clientAddress(c, trustProxy);
          const token = bearerToken(c.req.header('authorization'));
          const actor = token
            ? await switchboard.scimTokens.authenticate(token, { clientAddress: address })
            : null;
          if (!actor) {
            throw new SwitchboardError(
              'unauthenticated',
              'Send Authorization: Bearer <SCIM token> (an admin creates one: POST /v1/scim-tokens)',
            );
          }
          return await handler({
            c,
            switchboard,
            actor: { ...actor, request: { requestId, clientAddress: address } },
            base: scimBaseUrl(c),
            body: () => readJsonBody(c, maxBodyBytes),
            id: () => {
              const parsed = pathIdSchema.safeParse(c.req.param('id') ?? '');
              if (!parsed.success)
                throw new SwitchboardError('validation_failed', 'The id is not valid');
              return parsed.data;
            },
          });
        } catch (error) {
          return scimErrorOf(c, error, requestId, logger);
        }
      });
    }
    const allow = allowHeader(Object.keys(methods));
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      if (method.toLowerCase() in methods) continue;
      registerRoute(app, method, `${scimPath}${path}`, (c) =>
        scimErrorAnswer(
          c,
          405,
          `${c.req.method} is not allowed on ${c.req.path}; allowed: ${allow}`,
          {
            headers: { allow },
          },
        ),
      );
    }
  }
  app.all(`${scimPath}/*`, (c) => {
    stampRequestId(c);
    return scimErrorAnswer(c, 404, `No SCIM resource at ${c.req.path} (not_found)`);
  });
}
