import type { IntegrationFormField } from '@switchboard/contract';
import type { z } from 'zod';
import type { ServiceEndpoints } from './service-endpoints.js';

/** What every create body holds besides the service's own fields (see `integrationCreateBody`). */
export interface IntegrationCreateBase {
  service: string;
  name: string;
  description: string;
}

/** What a verification gets: its time budget, and a signal that fires when it is spent. */
export interface VerifyOptions {
  timeoutMs: number;
  signal: AbortSignal;
}

/**
 * One service an integration can connect (I1–I6): everything Switchboard needs to know
 * about it, in one object. The built-in ones live in `services/`; `createSwitchboard({
 * integrationServices })` registers more. The configuration is built by `toConfig`, sealed
 * as JSON, and parsed with `configSchema` whenever it is opened — never cast.
 *
 * A service module must not import its SDK at the top: `createClient` imports it, so that
 * importing `@switchboard/core` loads none (I6).
 *
 * @example export const webhookStore = defineIntegrationService({ id: 'webhook-store', label: 'Webhook store', … });
 */
export interface IntegrationService<
  Id extends string = string,
  Body extends IntegrationCreateBase = IntegrationCreateBase,
  Config = unknown,
  Client = unknown,
  Api extends object = object,
> {
  /** The `service` value of requests and answers: lower-case letters, digits, dashes (`s3`). */
  readonly id: Id;
  /** Its name for people, e.g. `Amazon S3 (call recordings)`. */
  readonly label: string;
  /** The whole body of `POST /v1/integrations` for it; build it with `integrationCreateBody`. */
  readonly createSchema: z.ZodType<Body> & z.core.$ZodTypeDiscriminable;
  /** The console's Add form: every body field beyond `service`, `name` and `description`, in order. */
  readonly formFields: readonly IntegrationFormField[];
  /** The sealed configuration, checked again every time it is opened. */
  readonly configSchema: z.ZodType<Config>;
  /** Dotted paths of the secret values in the configuration (`secret`, `serviceAccount.private_key`). */
  readonly secretFields: readonly string[];
  /** The configuration to seal, from a valid body; may throw `validation_failed` for what zod cannot check. */
  toConfig(body: Body): Config;
  /** The non-secret facts shown in answers (key hint, region, project id…), never a secret (I4). */
  details(config: Config): Record<string, string>;
  /** The SDK client for the configuration; imports the SDK now, not at module load (I6). */
  createClient(config: Config, endpoints: ServiceEndpoints): Promise<Client>;
  /** Frees what `createClient` opened; must not throw for a client already closed. */
  closeClient(client: Client): Promise<void>;
  /** Resolves when the service accepts the credentials, rejects with the service's error (I5). */
  verify(client: Client, config: Config, options: VerifyOptions): Promise<void>;
  /** What `integrations.open` gives applications (I6); the client is closed by the connector's `close()`. */
  connect(client: Client, config: Config): Promise<Api>;
}

/** The connector API of a service: what `connect` returns. */
export type IntegrationServiceApi<S extends IntegrationService> = Awaited<ReturnType<S['connect']>>;

/**
 * Declares a service with its types inferred from the object (identity at run time).
 *
 * @example export const s3IntegrationService = defineIntegrationService({ id: 's3', … });
 */
export function defineIntegrationService<
  const Id extends string,
  Body extends IntegrationCreateBase,
  Config,
  Client,
  Api extends object,
>(
  service: IntegrationService<Id, Body, Config, Client, Api>,
): IntegrationService<Id, Body, Config, Client, Api> {
  return service;
}
