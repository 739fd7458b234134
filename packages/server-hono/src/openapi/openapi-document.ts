import {
  type ErrorCode,
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
function problemAnswer(status: number, codes: readonly ErrorCode[]): JsonObject {
  return {
    description: codes.map((code) => `\`${code}\``).join(', '),
    headers: status === 429 || status === 503 ? retryHeaders : requestIdHeader,
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
    responses[String(status)] = problemAnswer(status, codes);
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

function operation(route: RouteDescriptor): JsonObject {
  const security =
    route.access === 'public'
      ? []
      : [{ [route.access === 'operator' ? 'operatorToken' : 'sessionToken']: [] }];
  const { status, description, schema } = route.response;
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.adminOnly ? { description: 'Account admins only.' } : {}),
    tags: [route.tag],
    security,
    parameters: [...pathParameters(route.path), ...queryParameters(route)],
    ...(route.body ? { requestBody: requestBody(route.body) } : {}),
    responses: {
      [String(status)]: {
        description,
        headers: requestIdHeader,
        ...(schema
          ? { content: { 'application/json': { schema: jsonSchema(schema, 'output') } } }
          : {}),
      },
      ...errorResponses(route),
    },
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
        Allow: {
          description: 'The methods the path has, e.g. `GET, HEAD, PATCH`',
          required: true,
          schema: { type: 'string' },
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
