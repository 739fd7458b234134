import { z } from 'zod';
import { awsRegions } from './aws-regions.js';
import {
  idSchema,
  multiLineText,
  nameSchema,
  singleLineText,
  timestampSchema,
  versionSchema,
} from './common.js';

/** The AWS regions a DynamoDB integration may name, for a region picker. */
export { awsRegions };

/**
 * The services built into Switchboard (I1). A server may register more: `GET
 * /v1/integration-services` lists what it accepts, and answers may name any of them.
 */
export const integrationServices = ['dialogflow', 'dynamodb', 's3'] as const;
/** The id of a built-in service, e.g. `'s3'`. */
export type BuiltInIntegrationService = (typeof integrationServices)[number];
/** @deprecated Built-in ids only; an integration's `service` may name a registered service too. Use `BuiltInIntegrationService`. */
export type IntegrationService = BuiltInIntegrationService;

const description = multiLineText(500).default('');

/**
 * The body of `POST /v1/integrations` for one service: its `service` literal, `name`,
 * `description` and the service's own fields (strict: any other field is refused).
 *
 * @example const webhookStoreCreateSchema = integrationCreateBody('webhook-store', { url: z.url(), token: z.string().min(8) });
 */
export function integrationCreateBody<const Service extends string, Fields extends z.ZodRawShape>(
  service: Service,
  fields: Fields,
) {
  return z.strictObject({ service: z.literal(service), name: nameSchema, ...fields, description });
}

const endpoint = z.url({ protocol: /^https?$/, error: 'Expected an http(s) URL' }).max(500);
const awsKey = singleLineText(128).min(1, 'Required');
const awsSecret = singleLineText(256).min(1, 'Required');

/** The key id and secret formats AWS issues; checked unless a custom endpoint is given. */
const awsKeyShape = /^(AKIA|ASIA)[A-Z0-9]{16}$/;
const awsSecretShape = /^[A-Za-z0-9/+=]{40}$/;

function awsFormats(
  value: { key: string; secret: string; endpoint?: string | undefined },
  ctx: z.RefinementCtx,
) {
  if (value.endpoint) return;
  if (!awsKeyShape.test(value.key)) {
    ctx.addIssue({
      code: 'custom',
      path: ['key'],
      message: 'Expected an AWS access key id (AKIA… or ASIA…, 20 characters)',
    });
  }
  if (!awsSecretShape.test(value.secret)) {
    ctx.addIssue({
      code: 'custom',
      path: ['secret'],
      message: 'Expected an AWS secret access key (40 characters)',
    });
  }
}

/** A Dialogflow service-account key, as pasted: an object or its JSON text. */
export const serviceAccountKeySchema = z.preprocess(
  (value) => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  },
  z.looseObject({
    type: z.literal('service_account', {
      error: 'Expected a service-account key ("type": "service_account")',
    }),
    project_id: z.string().min(1).max(100),
    client_email: z.string().min(3).max(254),
    private_key: z.string().min(1).max(10_000),
    private_key_id: z.string().max(100).optional(),
    token_uri: z.url().optional(),
  }),
);

/** Body of `POST /v1/integrations` for Google Dialogflow (I1). */
export const dialogflowIntegrationCreateSchema = integrationCreateBody('dialogflow', {
  config: serviceAccountKeySchema,
});

/** Body of `POST /v1/integrations` for Amazon DynamoDB (I1). */
export const dynamodbIntegrationCreateSchema = integrationCreateBody('dynamodb', {
  key: awsKey,
  secret: awsSecret,
  region: z.enum(awsRegions, { error: 'Expected an AWS region such as us-east-1' }),
  endpoint: endpoint.optional(),
}).superRefine(awsFormats);

/** Body of `POST /v1/integrations` for Amazon S3, call recordings only (I1). */
export const s3IntegrationCreateSchema = integrationCreateBody('s3', {
  key: awsKey,
  secret: awsSecret,
  endpoint: endpoint.optional(),
}).superRefine(awsFormats);

/**
 * Body of `POST /v1/integrations` for the built-in services, one shape per service (I1). A
 * server that registers more services validates with its own union
 * (`switchboard.integrations.createSchema`).
 */
export const integrationCreateSchema = z.discriminatedUnion('service', [
  dialogflowIntegrationCreateSchema,
  dynamodbIntegrationCreateSchema,
  s3IntegrationCreateSchema,
]);
export type IntegrationCreate = z.input<typeof integrationCreateSchema>;

/** Body of `PATCH /v1/integrations/{id}`: only name and description ever change (I3). */
export const integrationUpdateSchema = z.strictObject({
  name: nameSchema.optional(),
  description: multiLineText(500).optional(),
});
export type IntegrationUpdate = z.input<typeof integrationUpdateSchema>;

/** Configuration fields of the built-in services; sending one to an edit is `integration_config_immutable`. */
export const integrationConfigFields = [
  'service',
  'config',
  'key',
  'secret',
  'region',
  'endpoint',
] as const;

/**
 * Non-secret facts about an integration's configuration, by name (never a secret, I4):
 * dynamodb/s3 `{ keyHint, region?, endpoint? }`, dialogflow `{ projectId, clientEmail }`,
 * and whatever facts another registered service shows.
 */
export const integrationDetailsSchema = z.record(z.string(), z.string());
export type IntegrationDetails = z.infer<typeof integrationDetailsSchema>;

/** The last verification against the service (I5). */
export const integrationStatusSchema = z.object({
  state: z.enum(['ok', 'failing', 'unchecked']),
  checkedAt: timestampSchema.nullable(),
  reason: z.string().optional(),
});
export type IntegrationStatus = z.infer<typeof integrationStatusSchema>;

/** An integration as every API returns it. */
export const integrationSchema = z.object({
  id: idSchema('int'),
  /** A built-in service (`dialogflow`, `dynamodb`, `s3`) or another the server registered. */
  service: z.string().min(1),
  name: z.string(),
  description: z.string(),
  details: integrationDetailsSchema,
  status: integrationStatusSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  version: versionSchema,
});
export type Integration = z.infer<typeof integrationSchema>;

/** Answer of `GET /v1/integrations`. */
export const integrationListSchema = z.object({ data: z.array(integrationSchema) });

/** Query of `POST /v1/integrations`: verify the credentials first (default true). */
export const integrationAddQuerySchema = z.strictObject({
  verify: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

/** Answer of `POST /v1/integrations/{id}/test`. */
export const integrationTestResultSchema = z.object({
  ok: z.boolean(),
  reason: z.string().optional(),
});
export type IntegrationTestResult = z.infer<typeof integrationTestResultSchema>;
