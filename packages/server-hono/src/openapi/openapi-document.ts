import { problemSchema, type RouteDescriptor } from '@switchboard/contract';
import { z } from 'zod';
import { statusOf } from '../http/status-for-kind.js';

type JsonObject = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
  }) as JsonObject;
  return rest;
}

const problemRef = { $ref: '#/components/schemas/Problem' };

function errorResponses(route: RouteDescriptor): Record<string, JsonObject> {
  const codes = new Set(route.errors);
  if (route.body || route.query) codes.add('validation_failed');
  if (route.body) codes.add('payload_too_large');
  if (route.access !== 'public') codes.add('unauthenticated');
  const byStatus = new Map<number, string[]>();
  for (const code of codes) {
    const status = statusOf(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, JsonObject> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: list.map((code) => `\`${code}\``).join(', '),
      content: { 'application/problem+json': { schema: problemRef } },
    };
  }
  return responses;
}

function pathParameters(path: string): JsonObject[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
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
    parameters: [...pathParameters(route.path), ...queryParameters(route)],
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
          },
        }
      : {}),
    responses: {
      [String(route.response.status)]: {
        description: route.response.description,
        ...(route.response.schema
          ? {
              content: {
                'application/json': { schema: jsonSchema(route.response.schema, 'output') },
              },
            }
          : {}),
      },
      ...errorResponses(route),
    },
  };
}

/**
 * The OpenAPI 3.1 document of the given routes, generated from their descriptors' zod
 * schemas; each error code is listed under its kind's status.
 *
 * @example openApiDocument(apiRouteList, { title: 'Switchboard API', version: '1.0.0' })
 */
export function openApiDocument(
  routes: readonly RouteDescriptor[],
  info: { title: string; version: string },
): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const route of routes) {
    paths[route.path] = { ...paths[route.path], [route.method]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      ...info,
      description:
        'Administer company accounts: users, company details, phone numbers and integrations.',
    },
    paths,
    components: {
      schemas: { Problem: jsonSchema(problemSchema, 'output') },
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
