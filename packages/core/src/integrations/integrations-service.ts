import type {
  Integration,
  IntegrationCreate,
  IntegrationServiceInfo,
  IntegrationTestResult,
  IntegrationUpdate,
} from '@switchboard/contract';
import { integrationUpdateSchema } from '@switchboard/contract';
import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { Executor, IntegrationsTable } from '../db/database.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { parseInput } from '../errors/parse-input.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import { type Actor, requireAdmin } from '../shared/actor.js';
import { newId } from '../shared/ids.js';
import {
  type OperatorActor,
  requireOperatorOrSystem,
  type SystemActor,
} from '../shared/operator-actor.js';
import type { ServiceContext } from '../shared/service-context.js';
import { assertVersion, type VersionCondition } from '../shared/version-condition.js';
import type { WriteTx } from '../shared/write-pipeline.js';
import { type Connector, type ConnectorFor, openConnector } from './connectors/open-connector.js';
import { sealContext } from './integration-config.js';
import type { IntegrationRegistry } from './integration-registry.js';
import {
  deleteIntegrationRow,
  findAccountIntegration,
  findAccountIntegrations,
  insertIntegration,
  integrationNameIndex,
  integrationNameKey,
  toIntegration,
  updateIntegrationRow,
} from './integration-repository.js';
import type { IntegrationCreateBase, IntegrationService } from './integration-service.js';
import type { KeyRing } from './key-ring.js';
import { type RotateKeysOptions, rotateKeys } from './rotate-keys.js';
import type { ServiceEndpoints } from './service-endpoints.js';
import { verifyIntegration } from './verify-integration.js';

export interface IntegrationDeps {
  keyRing: KeyRing | undefined;
  /** The services integrations may connect. */
  services: IntegrationRegistry;
  endpoints: ServiceEndpoints;
  /** Milliseconds a verification may take. */
  timeoutMs: number;
}

/**
 * What `add` takes: a built-in service's body, checked by TypeScript, or the body of any
 * service registered beside them, checked against that service's schema at run time.
 */
export type IntegrationAddInput<I> = I extends { service: IntegrationCreate['service'] }
  ? Extract<IntegrationCreate, { service: I['service'] }>
  : I;

const missingKeyRing = () =>
  new SwitchboardError(
    'unavailable',
    'Integrations need a key ring to seal their secrets: set the secretKeys option of createSwitchboard (SWITCHBOARD_SECRET_KEYS for the reference server)',
  );

const nameTaken = () =>
  new SwitchboardError(
    'integration_name_taken',
    'An integration of this account already has this name',
    {
      issues: [{ path: 'name', message: 'Already used by another integration' }],
    },
  );

/**
 * Integrations with Dialogflow, DynamoDB, S3 and any registered service (I1–I6): admins
 * add, rename and delete them; every user of the account lists and uses them.
 * Configurations are sealed at rest, never returned, and never change after creation.
 */
export class IntegrationsService {
  readonly #ctx: ServiceContext;
  readonly #deps: IntegrationDeps;

  constructor(ctx: ServiceContext, deps: IntegrationDeps) {
    this.#ctx = ctx;
    this.#deps = deps;
    if (!deps.keyRing) ctx.logger.warn(missingKeyRing().message);
  }

  /**
   * The services an integration can connect, with the fields of their Add form.
   *
   * @example const [first] = sb.integrations.services(); // { service: 'dialogflow', label: 'Google Dialogflow', fields: [...] }
   */
  services(): IntegrationServiceInfo[] {
    return this.#deps.services.infos();
  }

  /** The body `add` accepts: the union of every registered service's body (for validation and OpenAPI). */
  get createSchema(): z.ZodType<IntegrationCreateBase> {
    return this.#deps.services.createSchema;
  }

  /** Every integration of the account, by name (any user; I2). */
  async list(actor: Actor): Promise<Integration[]> {
    return (await findAccountIntegrations(this.#ctx.db, actor.accountId)).map((row) =>
      toIntegration(row, actor),
    );
  }

  /** One integration of the account (any user). */
  async get(actor: Actor, id: string): Promise<Integration> {
    return toIntegration(await this.#row(this.#ctx.db, actor, id), actor);
  }

  /**
   * Adds an integration (admins). Unless `verify` is false the credentials are tried
   * against the service first; a failure is `integration_unreachable` with its reason.
   */
  async add<const I extends { service: string; name: string }>(
    actor: Actor,
    input: I & IntegrationAddInput<I>,
    options: { verify?: boolean } = {},
  ): Promise<Integration> {
    requireAdmin(actor);
    const service = this.#serviceOf(input);
    const parsed = parseInput(service.createSchema, input);
    const config = service.toConfig(parsed);
    const keyRing = this.#keyRing();
    const verify = options.verify ?? true;
    let status: Pick<
      Selectable<IntegrationsTable>,
      'status_state' | 'status_checked_at' | 'status_reason'
    > = {
      status_state: 'unchecked',
      status_checked_at: null,
      status_reason: null,
    };
    if (verify) {
      const result = await verifyIntegration(
        service,
        config,
        this.#deps.endpoints,
        this.#deps.timeoutMs,
      );
      if (!result.ok) {
        throw new SwitchboardError('integration_unreachable', `${service.label}: ${result.reason}`);
      }
      status = {
        status_state: 'ok',
        status_checked_at: this.#ctx.clock.now().toISOString(),
        status_reason: null,
      };
    }
    const id = newId('int');
    const sealed = keyRing.seal(
      JSON.stringify(config),
      sealContext(actor.accountId, id, service.id),
    );
    try {
      return await this.#ctx.write(actor, async (tx) => {
        const added = await insertIntegration(tx.trx, {
          id,
          account_id: actor.accountId,
          service: service.id,
          name: parsed.name,
          name_key: integrationNameKey(parsed.name),
          description: parsed.description,
          details: JSON.stringify(service.details(config)),
          sealed_config: sealed.sealed,
          key_id: sealed.keyId,
          ...status,
          created_at: tx.at,
          updated_at: tx.at,
        });
        const integration = toIntegration(added, actor);
        tx.record({
          action: 'integration.added',
          target: { type: 'integration', id },
          changedFields: ['service', 'name', 'description', 'config'],
          object: integration,
        });
        return integration;
      });
    } catch (error) {
      if (isUniqueViolation(error, integrationNameIndex)) throw nameTaken();
      throw error;
    }
  }

  /**
   * Renames or re-describes an integration (admins). Its configuration never changes: a
   * request carrying any configuration field is refused whole (I3) — add a new
   * integration and delete the old one to rotate credentials.
   */
  async update(
    actor: Actor,
    id: string,
    input: IntegrationUpdate,
    condition?: VersionCondition,
  ): Promise<Integration> {
    requireAdmin(actor);
    if (typeof input === 'object' && input !== null) {
      const sent = this.#deps.services.configFields.filter((field) => Object.hasOwn(input, field));
      if (sent.length > 0) {
        throw new SwitchboardError(
          'integration_config_immutable',
          'An integration’s configuration cannot change; add a new integration instead',
          {
            issues: sent.map((path) => ({ path, message: 'Not editable' })),
          },
        );
      }
    }
    const edit = parseInput(integrationUpdateSchema, input);
    try {
      return await this.#ctx.write(actor, async (tx) => {
        const row = await this.#lockedRow(tx, actor, id, condition);
        const changed = [
          ...(edit.name !== undefined && edit.name !== row.name ? ['name'] : []),
          ...(edit.description !== undefined && edit.description !== row.description
            ? ['description']
            : []),
        ];
        if (changed.length === 0) return toIntegration(row, actor);
        const updated = await updateIntegrationRow(tx.trx, id, {
          ...(edit.name !== undefined
            ? { name: edit.name, name_key: integrationNameKey(edit.name) }
            : {}),
          ...(edit.description !== undefined ? { description: edit.description } : {}),
          updated_at: tx.at,
        });
        if (!updated) throw new SwitchboardError('not_found', 'No such integration');
        const integration = toIntegration(updated, actor);
        tx.record({
          action: 'integration.updated',
          target: { type: 'integration', id },
          changedFields: changed,
          object: integration,
        });
        return integration;
      });
    } catch (error) {
      if (isUniqueViolation(error, integrationNameIndex)) throw nameTaken();
      throw error;
    }
  }

  /** Deletes an integration (admins). */
  async delete(actor: Actor, id: string, condition?: VersionCondition): Promise<void> {
    requireAdmin(actor);
    await this.#ctx.write(actor, async (tx) => {
      await this.#lockedRow(tx, actor, id, condition);
      await deleteIntegrationRow(tx.trx, id);
      tx.record({
        action: 'integration.deleted',
        target: { type: 'integration', id },
        changedFields: [],
      });
    });
  }

  /** Tries the stored credentials against the service again and keeps the result (admins; I5). */
  async test(actor: Actor, id: string): Promise<IntegrationTestResult> {
    requireAdmin(actor);
    const row = await this.#row(this.#ctx.db, actor, id);
    const { service, config } = this.#open(row);
    const result = await verifyIntegration(
      service,
      config,
      this.#deps.endpoints,
      this.#deps.timeoutMs,
    );
    return this.#ctx.write(actor, async (tx) => {
      const tested = await updateIntegrationRow(tx.trx, id, {
        status_state: result.ok ? 'ok' : 'failing',
        status_checked_at: tx.at,
        status_reason: result.ok ? null : result.reason,
      });
      tx.record({
        action: 'integration.tested',
        target: { type: 'integration', id },
        changedFields: ['status'],
        ...(tested ? { object: toIntegration(tested, actor) } : {}),
      });
      return result.ok ? { ok: true } : { ok: false, reason: result.reason };
    });
  }

  /**
   * A typed connector to the service, built from the decrypted configuration (any user of
   * the account; I6). The service's SDK is loaded now, not when Switchboard is imported.
   * Pass the service to get its connector's type (and a check that the integration is one).
   *
   * @example const store = await sb.integrations.open(actor, id); if (store.service === 's3') await store.recordings('calls').put(…)
   * @example const hooks = await sb.integrations.open(actor, id, webhookStore); await hooks.post({ … })
   */
  async open(actor: Actor, id: string): Promise<Connector>;
  async open<S extends IntegrationService>(
    actor: Actor,
    id: string,
    service: S,
  ): Promise<ConnectorFor<S>>;
  async open(
    actor: Actor,
    id: string,
    expected?: IntegrationService,
  ): Promise<{ service: string; close(): Promise<void> }> {
    const row = await this.#row(this.#ctx.db, actor, id);
    if (expected && expected.id !== row.service) {
      throw new SwitchboardError(
        'validation_failed',
        `This integration is not a ${expected.id} integration`,
        {
          issues: [{ path: 'service', message: `Expected ${expected.id}, found ${row.service}` }],
        },
      );
    }
    const { service, config } = this.#open(row);
    return openConnector(service, config, this.#deps.endpoints);
  }

  /**
   * Re-seals every configuration under the key ring's newest key, in batches, so older
   * keys can be retired. Returns how many rows were re-sealed. Each re-sealed integration
   * is recorded in its account's audit log (`integration.resealed`) as `actor`'s change.
   * Only the platform operator or Switchboard itself may: a user, even an admin, gets
   * `forbidden` (it touches every account).
   *
   * @example await sb.integrations.rotateKeys(operatorActor(), { onProgress: (done, total) => bar.update(done, total) })
   */
  async rotateKeys(
    actor: OperatorActor | SystemActor,
    options: RotateKeysOptions = {},
  ): Promise<number> {
    requireOperatorOrSystem(actor);
    return rotateKeys(this.#ctx, this.#keyRing(), actor, options);
  }

  /** The row's service and its configuration: decrypted, then parsed with the service's schema. */
  #open(row: Selectable<IntegrationsTable>): { service: IntegrationService; config: unknown } {
    const service = this.#deps.services.find(row.service);
    if (!service) {
      throw new SwitchboardError(
        'unavailable',
        `The ${row.service} service is not registered in this Switchboard (integrationServices)`,
      );
    }
    const context = sealContext(row.account_id, row.id, row.service);
    const opened = this.#keyRing().open({ keyId: row.key_id, sealed: row.sealed_config }, context);
    const parsed = service.configSchema.safeParse(JSON.parse(opened));
    if (!parsed.success) {
      // Paths only: the values may be secrets.
      const paths = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)');
      throw new SwitchboardError(
        'internal',
        `The stored configuration of integration ${row.id} does not fit the ${service.id} service (${paths.join(', ')})`,
      );
    }
    return { service, config: parsed.data };
  }

  /** The service a create body names, or `validation_failed` on `service`. */
  #serviceOf(input: unknown): IntegrationService {
    const id =
      typeof input === 'object' && input !== null ? Reflect.get(input, 'service') : undefined;
    const service = typeof id === 'string' ? this.#deps.services.find(id) : undefined;
    if (service) return service;
    const known = this.#deps.services.services.map((s) => s.id).join(', ');
    throw new SwitchboardError('validation_failed', 'The request is not valid', {
      issues: [{ path: 'service', message: `Expected one of: ${known}` }],
    });
  }

  /** The key ring, or `unavailable` naming the setting that provides it. */
  #keyRing(): KeyRing {
    if (!this.#deps.keyRing) throw missingKeyRing();
    return this.#deps.keyRing;
  }

  async #row(db: Executor, actor: Actor, id: string) {
    const row = await findAccountIntegration(db, actor.accountId, id);
    if (!row) throw new SwitchboardError('not_found', 'No such integration');
    return row;
  }

  /** The integration locked for a change, at the version the change names (C1). */
  async #lockedRow(tx: WriteTx, actor: Actor, id: string, condition?: VersionCondition) {
    const row = await findAccountIntegration(tx.trx, actor.accountId, id, {
      forUpdate: tx.dialect === 'postgres',
    });
    if (!row) throw new SwitchboardError('not_found', 'No such integration');
    assertVersion(row.version, condition);
    return row;
  }
}
