import {
  scimErrorSchema,
  scimGroupListSchema,
  scimListQuerySchema,
  scimMediaType,
  scimPatchSchema,
  scimResourceTypeListSchema,
  scimSchemaListSchema,
  scimServiceProviderConfigSchema,
  scimUserInputSchema,
  scimUserListSchema,
  scimUserSchema,
} from '@switchboard/contract';
import { z } from 'zod';
import type { OpenApiDocument } from '../openapi/openapi-document.js';
import { scimPath } from './scim-request.js';

type JsonObject = Record<string, unknown>;

const ref = (path: string) => ({ $ref: `#/components/${path}` });

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
  }) as JsonObject;
  return rest;
}

const requestId = { 'x-request-id': ref('headers/RequestId') };
const scimContent = (schema: JsonObject) => ({ [scimMediaType]: { schema } });

/** What each SCIM error status means here. */
const errorMeanings: Record<number, string> = {
  400: '`invalidFilter`, `invalidValue`, `invalidSyntax`, `invalidPath`, `noTarget`',
  401: 'No SCIM token, or an unknown or revoked one',
  404: 'No such user in the token’s account',
  409: '`uniqueness` (the email is in use, U1), or the account would lose its last active admin (`last_admin`, U4)',
  412: '`If-Match` names a version that is no longer current',
  413: 'The body is larger than the API allows',
  415: 'The body is not JSON (`application/scim+json` or `application/json`)',
  429: 'Too many requests with a wrong token from this address',
  500: 'A fault of the server',
  503: 'The database is briefly unavailable',
};

function errorAnswers(statuses: number[]): Record<string, JsonObject> {
  const answers: Record<string, JsonObject> = {};
  for (const status of [...statuses, 401, 429, 500, 503].sort((a, b) => a - b)) {
    answers[String(status)] = {
      description: errorMeanings[status],
      headers:
        status === 429 || status === 503
          ? { ...requestId, 'Retry-After': ref('headers/RetryAfter') }
          : requestId,
      content: scimContent(ref('schemas/ScimError')),
    };
  }
  return answers;
}

function operation(
  operationId: string,
  summary: string,
  success: { status: number; description: string; schema?: JsonObject; headers?: JsonObject },
  more: { errors?: number[]; parameters?: JsonObject[]; body?: JsonObject; notModified?: boolean },
): JsonObject {
  return {
    operationId,
    summary,
    tags: ['SCIM'],
    security: [{ scimToken: [] }],
    parameters: more.parameters ?? [],
    ...(more.body
      ? {
          requestBody: {
            required: true,
            content: {
              [scimMediaType]: { schema: more.body },
              'application/json': { schema: more.body },
            },
          },
        }
      : {}),
    responses: {
      [String(success.status)]: {
        description: success.description,
        headers: { ...requestId, ...success.headers },
        ...(success.schema ? { content: scimContent(success.schema) } : {}),
      },
      ...(more.notModified
        ? {
            '304': {
              description: 'Not modified: `If-None-Match` names the current version',
              headers: { ...requestId, ETag: ref('headers/ETag') },
            },
          }
        : {}),
      ...errorAnswers(more.errors ?? []),
    },
  };
}

const idParameter = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', minLength: 1, maxLength: 200 },
};
const listParameters = Object.entries(
  (jsonSchema(scimListQuerySchema, 'input') as { properties: Record<string, JsonObject> })
    .properties,
).map(([name, schema]) => ({ name, in: 'query', required: false, schema }));
const userHeaders = { ETag: ref('headers/ETag') };
const user = ref('schemas/ScimUser');

/** The SCIM operations, by path under the app. */
function scimPaths(): Record<string, JsonObject> {
  const discovery = (name: string, summary: string, schema: z.ZodType) => ({
    get: operation(
      `scimGet${name}`,
      summary,
      {
        status: 200,
        description: name,
        schema: jsonSchema(schema, 'output'),
      },
      {},
    ),
  });
  return {
    [`${scimPath}/ServiceProviderConfig`]: discovery(
      'ServiceProviderConfig',
      'What this SCIM service supports (RFC 7643 §5)',
      scimServiceProviderConfigSchema,
    ),
    [`${scimPath}/ResourceTypes`]: discovery(
      'ResourceTypes',
      'The resource types: User and Group',
      scimResourceTypeListSchema,
    ),
    [`${scimPath}/Schemas`]: discovery('Schemas', 'The attributes kept', scimSchemaListSchema),
    [`${scimPath}/Users`]: {
      get: operation(
        'scimListUsers',
        'The account’s users: `filter` (eq on userName, emails.value, externalId, active, id; and), `startIndex`, `count`',
        {
          status: 200,
          description: 'A ListResponse',
          schema: jsonSchema(scimUserListSchema, 'output'),
        },
        { errors: [400], parameters: listParameters },
      ),
      post: operation(
        'scimCreateUser',
        'Add a user: pending with the activation email, or deactivated when `active` is false',
        {
          status: 201,
          description: 'The new user',
          schema: user,
          headers: { ...userHeaders, Location: { required: true, schema: { type: 'string' } } },
        },
        { errors: [400, 409, 413, 415], body: jsonSchema(scimUserInputSchema, 'input') },
      ),
    },
    [`${scimPath}/Users/{id}`]: {
      get: operation(
        'scimGetUser',
        'One user of the account',
        { status: 200, description: 'The user', schema: user, headers: userHeaders },
        {
          errors: [400, 404],
          parameters: [idParameter, ref('parameters/IfNoneMatch')],
          notModified: true,
        },
      ),
      put: operation(
        'scimReplaceUser',
        'Replace a user; `active`, `externalId` and the extension’s flags left out keep their values',
        { status: 200, description: 'The user', schema: user, headers: userHeaders },
        {
          errors: [400, 404, 409, 412, 413, 415],
          parameters: [idParameter, ref('parameters/IfMatch')],
          body: jsonSchema(scimUserInputSchema, 'input'),
        },
      ),
      patch: operation(
        'scimPatchUser',
        'Change a user with a PatchOp: `active: false` deactivates (U9)',
        { status: 200, description: 'The user', schema: user, headers: userHeaders },
        {
          errors: [400, 404, 409, 412, 413, 415],
          parameters: [idParameter, ref('parameters/IfMatch')],
          body: jsonSchema(scimPatchSchema, 'input'),
        },
      ),
      delete: operation(
        'scimDeleteUser',
        'Delete a user; their numbers pass to the account’s earliest active admin (U5)',
        { status: 204, description: 'Deleted' },
        { errors: [400, 404, 409, 412], parameters: [idParameter, ref('parameters/IfMatch')] },
      ),
    },
    [`${scimPath}/Groups`]: {
      get: operation(
        'scimListGroups',
        'Groups are not provisioned: always an empty ListResponse',
        {
          status: 200,
          description: 'An empty ListResponse',
          schema: jsonSchema(scimGroupListSchema, 'output'),
        },
        {},
      ),
    },
  };
}

/**
 * The document with SCIM 2.0 at `/scim/v2` described beside the API (S1): its operations,
 * the SCIM schemas, the SCIM token's security scheme, and SCIM errors among the answers a
 * method a path lacks may get.
 */
export function withScim(document: OpenApiDocument): OpenApiDocument {
  const components = document.components as Record<string, Record<string, JsonObject>>;
  const methodNotAllowed = components.responses?.MethodNotAllowed as
    | { content: JsonObject }
    | undefined;
  return {
    ...document,
    paths: { ...document.paths, ...scimPaths() },
    components: {
      ...components,
      schemas: {
        ...components.schemas,
        ScimUser: jsonSchema(scimUserSchema, 'output'),
        ScimError: jsonSchema(scimErrorSchema, 'output'),
      },
      responses: {
        ...components.responses,
        ...(methodNotAllowed
          ? {
              MethodNotAllowed: {
                ...methodNotAllowed,
                content: {
                  ...methodNotAllowed.content,
                  ...scimContent(ref('schemas/ScimError')),
                },
              },
            }
          : {}),
      },
      securitySchemes: {
        ...components.securitySchemes,
        scimToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'A SCIM token an account admin created (`POST /v1/scim-tokens`)',
        },
      },
    },
  };
}
