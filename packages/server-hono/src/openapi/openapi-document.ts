import {
  acceptsIdempotencyKey,
  type DownloadAnswer,
  type ErrorCode,
  honoursIfMatch,
  isKeptStatus,
  pathParameterNames,
  problemSchema,
  type RouteDescriptor,
  routeErrorCodes,
} from '@switchboard/contract';
import { z } from 'zod';
import { statusOf } from '../http/status-for-kind.js';

type JsonObject = Record<string, unknown>;

/** An OpenAPI 3.1 document as plain JSON data. */
export type OpenApiDocument = JsonObject & { openapi: '3.1.0'; paths: Record<string, JsonObject> };

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
  }) as JsonObject;
  return rest;
}

const ref = (path: string) => ({ $ref: `#/components/${path}` });

/** Headers of every answer, and those of answers that ask the caller to wait. */
const requestIdHeader = { 'x-request-id': ref('headers/RequestId') };
const retryHeaders = { ...requestIdHeader, 'Retry-After': ref('headers/RetryAfter') };
const etagHeader = { ETag: ref('headers/ETag') };
const replayedHeader = { 'Idempotent-Replayed': ref('headers/IdempotentReplayed') };

/**
 * The headers of a route's answer of `status`: `x-request-id` always, `Retry-After` on 429
 * and 503 (and on the 409 of a key in use), `Idempotent-Replayed` on what a keyed request
 * keeps and replays (C2).
 */
function answerHeaders(route: RouteDescriptor, status: number, codes: readonly ErrorCode[] = []) {
  const keyed = acceptsIdempotencyKey(route);
  return {
    ...(status === 429 || status === 503 ? retryHeaders : requestIdHeader),
    ...(codes.includes('idempotency_key_in_use')
      ? { 'Retry-After': ref('headers/RetryAfterInUse') }
      : {}),
    ...(keyed && isKeptStatus(status) ? replayedHeader : {}),
  };
}

/** The id a path parameter takes: the contract's `pathIdSchema`, control characters refused. */
const pathIdJsonSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 200,
  pattern: '^[^\\u0000-\\u001F\\u007F]+$',
};

/**
 * A problem answer of one status: the Problem schema with that status and the route's
 * codes of it.
 */
function problemAnswer(
  route: RouteDescriptor,
  status: number,
  codes: readonly ErrorCode[],
): JsonObject {
  return {
    description: codes.map((code) => `\`${code}\``).join(', '),
    headers: answerHeaders(route, status, codes),
    content: {
      'application/problem+json': {
        schema: {
          allOf: [
            ref('schemas/Problem'),
            { properties: { status: { const: status }, code: { enum: codes } } },
          ],
        },
      },
    },
  };
}

/** Every error answer of a route, its codes grouped under their kind's status. */
function errorResponses(route: RouteDescriptor): Record<string, JsonObject> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of routeErrorCodes(route)) {
    const status = statusOf(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, JsonObject> = {};
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = problemAnswer(route, status, codes);
  }
  return responses;
}

function pathParameters(path: string): JsonObject[] {
  return pathParameterNames(path).map((name) => ({
    name,
    in: 'path',
    required: true,
    schema: pathIdJsonSchema,
  }));
}

function queryParameters(route: RouteDescriptor): JsonObject[] {
  if (!route.query) return [];
  const schema = jsonSchema(route.query, 'input') as {
    properties?: Record<string, JsonObject>;
    required?: string[];
  };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    schema: property,
  }));
}

/** The request body: JSON, required unless an empty body (`{}`) is a valid one. */
function requestBody(body: z.ZodType): JsonObject {
  return {
    required: !body.safeParse({}).success,
    content: { 'application/json': { schema: jsonSchema(body, 'input') } },
  };
}

/** The header parameters of writing safely: `If-Match`, `If-None-Match`, `Idempotency-Key`. */
function headerParameters(route: RouteDescriptor): JsonObject[] {
  return [
    ...(honoursIfMatch(route) ? [ref('parameters/IfMatch')] : []),
    ...(route.versioned && route.method === 'get' ? [ref('parameters/IfNoneMatch')] : []),
    ...(acceptsIdempotencyKey(route) ? [ref('parameters/IdempotencyKey')] : []),
  ];
}

/**
 * The content of a download: each media type as text, described; a format of one JSON
 * value per line names that value's schema in `x-line-schema` (OpenAPI 3.1 has no keyword
 * for a schema per line; 3.2's `itemSchema` is that).
 */
function downloadContent(download: DownloadAnswer): JsonObject {
  return Object.fromEntries(
    Object.entries(download.mediaTypes).map(([mediaType, { description, lineSchema }]) => [
      mediaType,
      {
        schema: { type: 'string', description },
        ...(lineSchema ? { 'x-line-schema': jsonSchema(lineSchema, 'output') } : {}),
      },
    ]),
  );
}

/** The body of a success answer: JSON, a download, or none. */
function successContent(route: RouteDescriptor): JsonObject {
  const { schema } = route.response;
  if (route.download) return { content: downloadContent(route.download) };
  return schema
    ? { content: { 'application/json': { schema: jsonSchema(schema, 'output') } } }
    : {};
}

/** The success answer: its body, and the resource's `ETag` when it is one versioned resource. */
function successResponses(route: RouteDescriptor): Record<string, JsonObject> {
  const { status, description, schema } = route.response;
  const versioned = route.versioned === true && schema !== undefined;
  return {
    [String(status)]: {
      description,
      headers: {
        ...answerHeaders(route, status),
        ...(versioned ? etagHeader : {}),
        ...(route.download ? { 'Content-Disposition': ref('headers/ContentDisposition') } : {}),
      },
      ...successContent(route),
    },
    ...(versioned && route.method === 'get'
      ? {
          '304': {
            description: 'Not modified: `If-None-Match` names the current version',
            headers: { ...requestIdHeader, ...etagHeader },
          },
        }
      : {}),
  };
}

function operation(route: RouteDescriptor): JsonObject {
  const security =
    route.access === 'public'
      ? []
      : [{ [route.access === 'operator' ? 'operatorToken' : 'sessionToken']: [] }];
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.adminOnly ? { description: 'Account admins only.' } : {}),
    tags: [route.tag],
    security,
    parameters: [
      ...pathParameters(route.path),
      ...queryParameters(route),
      ...headerParameters(route),
    ],
    ...(route.body ? { requestBody: requestBody(route.body) } : {}),
    responses: { ...successResponses(route), ...errorResponses(route) },
  };
}

const description = [
  'Administer company accounts: users, company details, phone numbers and integrations.',
  '',
  'Every answer carries `x-request-id`; every error is `application/problem+json` (RFC 9457)',
  'whose `code` names what happened, listed under each operation by status. `429` and `503`',
  'carry `Retry-After`. A method a path has no operation for answers `405`',
  '`method_not_allowed` with `Allow` (`#/components/responses/MethodNotAllowed`); a body sent',
  'as anything but JSON answers `415` `unsupported_media_type`; an unknown path `404`.',
  '',
  'Writing safely: an answer with one versioned resource carries its `ETag` (the body’s',
  '`version`); `PATCH` and `DELETE` of it take `If-Match` (`412` when stale, `428` when the',
  'server requires it); `GET` takes `If-None-Match` (`304`). Every `POST` but `/v1/auth/*`',
  'takes an `Idempotency-Key`: the same request again gets the first answer with',
  '`Idempotent-Replayed: true`.',
].join('\n');

/**
 * The OpenAPI 3.1 document of the given routes, generated from their descriptors' zod
 * schemas: every status, header and body each route can answer, each error code under its
 * kind's status (`routeErrorCodes`). `servers` defaults to `/`; the app serves the document
 * with the prefix it is mounted at.
 *
 * @example openApiDocument(apiRouteList, { title: 'Switchboard API', version: '1.0.0' })
 */
export function openApiDocument(
  routes: readonly RouteDescriptor[],
  info: { title: string; version: string },
): OpenApiDocument {
  const paths: Record<string, JsonObject> = {};
  for (const route of routes) {
    paths[route.path] = { ...paths[route.path], [route.method]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      ...info,
      description,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/', description: 'This server' }],
    paths,
    components: {
      schemas: { Problem: jsonSchema(problemSchema, 'output') },
      headers: {
        RequestId: {
          description:
            'The id of the request: yours when you sent a sane `x-request-id` (1..100 of `A-Za-z0-9_.-`), else a new one; a problem repeats it as `requestId`',
          required: true,
          schema: { type: 'string', pattern: '^[\\w.-]{1,100}$' },
        },
        RetryAfter: {
          description: 'Seconds to wait before trying again',
          required: true,
          schema: { type: 'integer', minimum: 0 },
        },
        ContentDisposition: {
          description: 'The answer is a file to save: `attachment; filename="…"`',
          required: true,
          schema: { type: 'string', pattern: '^attachment; filename="[\\w.-]+"$' },
        },
        Allow: {
          description: 'The methods the path has, e.g. `GET, HEAD, PATCH`',
          required: true,
          schema: { type: 'string' },
        },
        ETag: {
          description: 'The version of the resource (its `version`), a strong entity tag: `"3"`',
          required: true,
          schema: { type: 'string', pattern: '^"[1-9][0-9]*"$' },
        },
        IdempotentReplayed: {
          description:
            '`true` when this is the kept answer of an earlier request with the same `Idempotency-Key`, sent again',
          required: false,
          schema: { type: 'string', const: 'true' },
        },
        RetryAfterInUse: {
          description:
            'With `idempotency_key_in_use`: seconds to wait before sending the request again',
          required: false,
          schema: { type: 'integer', minimum: 0 },
        },
      },
      parameters: {
        IfMatch: {
          name: 'If-Match',
          in: 'header',
          required: false,
          description:
            'Change only the version named: the resource’s `ETag` (`"3"`) or `*`. A stale or weak tag answers `412` `precondition_failed` and changes nothing.',
          schema: { type: 'string' },
        },
        IfNoneMatch: {
          name: 'If-None-Match',
          in: 'header',
          required: false,
          description: 'Answer `304` without a body when the resource is still at this `ETag`.',
          schema: { type: 'string' },
        },
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'Run this request once: the same key with the same request gets the first answer again (kept 24 hours); with another request, `422` `idempotency_key_reused`; while the first still runs, `409` `idempotency_key_in_use`.',
          schema: {
            type: 'string',
            minLength: 1,
            maxLength: 255,
            pattern: '^[\\x21-\\x7E][\\x20-\\x7E]*$',
          },
        },
      },
      responses: {
        MethodNotAllowed: {
          description:
            '`method_not_allowed`: the path exists, but has no operation for this method (any path of this document, any of GET, HEAD, POST, PUT, PATCH, DELETE it does not list)',
          headers: { ...requestIdHeader, Allow: ref('headers/Allow') },
          content: {
            'application/problem+json': {
              schema: {
                allOf: [
                  ref('schemas/Problem'),
                  { properties: { status: { const: 405 }, code: { const: 'method_not_allowed' } } },
                ],
              },
            },
          },
        },
      },
      securitySchemes: {
        sessionToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'A session token from sign-in',
        },
        operatorToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'SWITCHBOARD_OPERATOR_TOKEN',
        },
      },
    },
  };
}
