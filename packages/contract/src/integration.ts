import { z } from 'zod';
import { awsRegions } from './aws-regions.js';
import { idSchema, nameSchema, timestampSchema } from './common.js';

/** The AWS regions a DynamoDB integration may name, for a region picker. */
export { awsRegions };

/** The services an integration can connect (I1). */
export const integrationServices = ['dialogflow', 'dynamodb', 's3'] as const;
export type IntegrationService = (typeof integrationServices)[number];

const description = z.string().trim().max(500, 'At most 500 characters').default('');
const endpoint = z.url({ protocol: /^https?$/, error: 'Expected an http(s) URL' }).max(500);
const awsKey = z.string().trim().min(1, 'Required').max(128);
const awsSecret = z.string().trim().min(1, 'Required').max(256);

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

/** Body of `POST /v1/integrations`: one shape per service (I1). */
export const integrationCreateSchema = z.discriminatedUnion('service', [
  z.strictObject({
    service: z.literal('dialogflow'),
    name: nameSchema,
    config: serviceAccountKeySchema,
    description,
  }),
  z
    .strictObject({
      service: z.literal('dynamodb'),
      name: nameSchema,
      key: awsKey,
      secret: awsSecret,
      region: z.enum(awsRegions, { error: 'Expected an AWS region such as us-east-1' }),
      endpoint: endpoint.optional(),
      description,
    })
    .superRefine(awsFormats),
  z
    .strictObject({
      service: z.literal('s3'),
      name: nameSchema,
      key: awsKey,
      secret: awsSecret,
      endpoint: endpoint.optional(),
      description,
    })
    .superRefine(awsFormats),
]);
export type IntegrationCreate = z.input<typeof integrationCreateSchema>;

/** Body of `PATCH /v1/integrations/{id}`: only name and description ever change (I3). */
export const integrationUpdateSchema = z.strictObject({
  name: nameSchema.optional(),
  description: z.string().trim().max(500, 'At most 500 characters').optional(),
});
export type IntegrationUpdate = z.input<typeof integrationUpdateSchema>;

/** Fields of an integration's configuration; sending one to an edit is `integration_config_immutable`. */
export const integrationConfigFields = [
  'service',
  'config',
  'key',
  'secret',
  'region',
  'endpoint',
] as const;

/** Non-secret facts about an integration's configuration (never a secret, I4). */
export const integrationDetailsSchema = z.union([
  z.object({ keyHint: z.string(), region: z.string().optional(), endpoint: z.string().optional() }),
  z.object({ projectId: z.string(), clientEmail: z.string() }),
]);
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
  service: z.enum(integrationServices),
  name: z.string(),
  description: z.string(),
  details: integrationDetailsSchema,
  status: integrationStatusSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
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
