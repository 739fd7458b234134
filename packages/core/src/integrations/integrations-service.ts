import {
  type Integration,
  type IntegrationCreate,
  type IntegrationTestResult,
  type IntegrationUpdate,
  integrationConfigFields,
  integrationCreateSchema,
  integrationUpdateSchema,
} from '@switchboard/contract';
import type { Selectable } from 'kysely';
import { recordActorAudit } from '../audit/audit-repository.js';
import type { Executor, IntegrationsTable } from '../db/database.js';
import { preparedQuery } from '../db/prepared-query.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { parseInput } from '../errors/parse-input.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import { type Actor, requireAdmin } from '../shared/actor.js';
import { newId } from '../shared/ids.js';
import type { ServiceContext } from '../shared/service-context.js';
import { type Connector, openConnector } from './connectors/open-connector.js';
import {
  assertLoadablePrivateKey,
  type IntegrationConfig,
  integrationDetails,
  type ServiceAccountKey,
  sealContext,
} from './integration-config.js';
import {
  integrationNameIndex,
  integrationNameKey,
  toIntegration,
} from './integration-repository.js';
import type { KeyRing } from './key-ring.js';
import type { ServiceEndpoints } from './service-endpoints.js';
import { verifyIntegration } from './verify-integration.js';

export interface IntegrationDeps {
  keyRing: KeyRing | undefined;
  endpoints: ServiceEndpoints;
  /** Milliseconds a verification may take. */
  timeoutMs: number;
}

const integrationsOfAccount = preparedQuery((db: Executor, accountId: string) =>
  db.selectFrom('integrations').selectAll().where('account_id', '=', accountId).orderBy('name_key'),
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
 * Integrations with Dialogflow, DynamoDB and S3 (I1–I6): admins add, rename and delete
 * them; every user of the account lists and uses them. Configurations are sealed at rest,
 * never returned, and never change after creation.
 */
export class IntegrationsService {
  readonly #ctx: ServiceContext;
  readonly #deps: IntegrationDeps;

  constructor(ctx: ServiceContext, deps: IntegrationDeps) {
    this.#ctx = ctx;
    this.#deps = deps;
  }

  /** Every integration of the account, by name (any user; I2). */
  async list(actor: Actor): Promise<Integration[]> {
    return (await integrationsOfAccount(this.#ctx.db, actor.accountId)).map(toIntegration);
  }

  /** One integration of the account (any user). */
  async get(actor: Actor, id: string): Promise<Integration> {
    return toIntegration(await this.#row(this.#ctx.db, actor, id));
  }

  /**
   * Adds an integration (admins). Unless `verify` is false the credentials are tried
   * against the service first; a failure is `integration_unreachable` with its reason.
   */
  async add(
    actor: Actor,
    input: IntegrationCreate,
    options: { verify?: boolean } = {},
  ): Promise<Integration> {
    requireAdmin(actor);
    const parsed = parseInput(integrationCreateSchema, input);
    const config = toConfig(parsed);
    const keyRing = this.#keyRing();
    const verify = options.verify ?? true;
    const now = this.#ctx.clock.now().toISOString();
    let status: Pick<
      Selectable<IntegrationsTable>,
      'status_state' | 'status_checked_at' | 'status_reason'
    > = {
      status_state: 'unchecked',
      status_checked_at: null,
      status_reason: null,
    };
    if (verify) {
      const result = await verifyIntegration(config, this.#deps.endpoints, this.#deps.timeoutMs);
      if (!result.ok) {
        throw new SwitchboardError(
          'integration_unreachable',
          `The ${config.service} service refused these credentials: ${result.reason}`,
        );
      }
      status = { status_state: 'ok', status_checked_at: now, status_reason: null };
    }
    const id = newId('int');
    const sealed = keyRing.seal(
      JSON.stringify(config),
      sealContext(actor.accountId, id, config.service),
    );
    try {
      return await this.#ctx.db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('integrations')
          .values({
            id,
            account_id: actor.accountId,
            service: config.service,
            name: parsed.name,
            name_key: integrationNameKey(parsed.name),
            description: parsed.description,
            details: JSON.stringify(integrationDetails(config)),
            sealed_config: sealed.sealed,
            key_id: sealed.keyId,
            ...status,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordActorAudit(trx, actor, {
          action: 'integration.added',
          target: { type: 'integration', id },
          changedFields: ['service', 'name', 'description', 'config'],
          at: now,
        });
        return toIntegration(row);
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
  async update(actor: Actor, id: string, input: IntegrationUpdate): Promise<Integration> {
    requireAdmin(actor);
    if (typeof input === 'object' && input !== null) {
      const sent = integrationConfigFields.filter((field) => Object.hasOwn(input, field));
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
    const now = this.#ctx.clock.now().toISOString();
    try {
      return await this.#ctx.db.transaction().execute(async (trx) => {
        const row = await this.#row(trx, actor, id);
        const changed = [
          ...(edit.name !== undefined && edit.name !== row.name ? ['name'] : []),
          ...(edit.description !== undefined && edit.description !== row.description
            ? ['description']
            : []),
        ];
        if (changed.length === 0) return toIntegration(row);
        const updated = await trx
          .updateTable('integrations')
          .set({
            ...(edit.name !== undefined
              ? { name: edit.name, name_key: integrationNameKey(edit.name) }
              : {}),
            ...(edit.description !== undefined ? { description: edit.description } : {}),
            updated_at: now,
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordActorAudit(trx, actor, {
          action: 'integration.updated',
          target: { type: 'integration', id },
          changedFields: changed,
          at: now,
        });
        return toIntegration(updated);
      });
    } catch (error) {
      if (isUniqueViolation(error, integrationNameIndex)) throw nameTaken();
      throw error;
    }
  }

  /** Deletes an integration (admins). */
  async delete(actor: Actor, id: string): Promise<void> {
    requireAdmin(actor);
    await this.#ctx.db.transaction().execute(async (trx) => {
      await this.#row(trx, actor, id);
      await trx.deleteFrom('integrations').where('id', '=', id).execute();
      await recordActorAudit(trx, actor, {
        action: 'integration.deleted',
        target: { type: 'integration', id },
        changedFields: [],
        at: this.#ctx.clock.now().toISOString(),
      });
    });
  }

  /** Tries the stored credentials against the service again and keeps the result (admins; I5). */
  async test(actor: Actor, id: string): Promise<IntegrationTestResult> {
    requireAdmin(actor);
    const row = await this.#row(this.#ctx.db, actor, id);
    const result = await verifyIntegration(
      this.#open(row),
      this.#deps.endpoints,
      this.#deps.timeoutMs,
    );
    await this.#ctx.db
      .updateTable('integrations')
      .set({
        status_state: result.ok ? 'ok' : 'failing',
        status_checked_at: this.#ctx.clock.now().toISOString(),
        status_reason: result.ok ? null : result.reason,
      })
      .where('id', '=', id)
      .execute();
    return result;
  }

  /**
   * A typed connector to the service, built from the decrypted configuration (any user of
   * the account; I6). The service's SDK is loaded now, not when Switchboard is imported.
   *
   * @example const store = await sb.integrations.open(actor, id); if (store.service === 's3') await store.recordings('calls').put(…)
   */
  async open(actor: Actor, id: string): Promise<Connector> {
    const row = await this.#row(this.#ctx.db, actor, id);
    return openConnector(this.#open(row), this.#deps.endpoints);
  }

  /**
   * Re-seals every configuration under the key ring's newest key, in batches, so older
   * keys can be retired. Returns how many rows were re-sealed.
   */
  async rotateKeys(onProgress?: (done: number, total: number) => void): Promise<number> {
    const keyRing = this.#keyRing();
    const { db } = this.#ctx;
    const pending = (q: typeof db) =>
      q.selectFrom('integrations').where('key_id', '!=', keyRing.currentKeyId);
    const { count } = await pending(db)
      .select((eb) => eb.fn.countAll().as('count'))
      .executeTakeFirstOrThrow();
    const total = Number(count);
    let done = 0;
    onProgress?.(done, total);
    for (;;) {
      const batch = await pending(db).selectAll().orderBy('id').limit(100).execute();
      if (batch.length === 0) return done;
      await db.transaction().execute(async (trx) => {
        for (const row of batch) {
          const context = sealContext(row.account_id, row.id, row.service);
          const sealed = keyRing.seal(
            keyRing.open({ keyId: row.key_id, sealed: row.sealed_config }, context),
            context,
          );
          await trx
            .updateTable('integrations')
            .set({ sealed_config: sealed.sealed, key_id: sealed.keyId })
            .where('id', '=', row.id)
            .where('key_id', '=', row.key_id)
            .execute();
        }
      });
      done += batch.length;
      onProgress?.(done, total);
    }
  }

  #open(row: Selectable<IntegrationsTable>): IntegrationConfig {
    const context = sealContext(row.account_id, row.id, row.service);
    return JSON.parse(
      this.#keyRing().open({ keyId: row.key_id, sealed: row.sealed_config }, context),
    ) as IntegrationConfig;
  }

  #keyRing(): KeyRing {
    if (!this.#deps.keyRing) {
      throw new Error(
        'Integrations need a key ring: pass secretKeys to createSwitchboard (SWITCHBOARD_SECRET_KEYS)',
      );
    }
    return this.#deps.keyRing;
  }

  async #row(db: Executor, actor: Actor, id: string) {
    const row = await db
      .selectFrom('integrations')
      .selectAll()
      .where('id', '=', id)
      .where('account_id', '=', actor.accountId)
      .executeTakeFirst();
    if (!row) throw new SwitchboardError('not_found', 'No such integration');
    return row;
  }
}

function toConfig(input: ReturnType<typeof integrationCreateSchema.parse>): IntegrationConfig {
  switch (input.service) {
    case 'dialogflow': {
      const serviceAccount = input.config as ServiceAccountKey;
      assertLoadablePrivateKey(serviceAccount.private_key);
      return { service: 'dialogflow', serviceAccount };
    }
    case 'dynamodb':
      return {
        service: 'dynamodb',
        key: input.key,
        secret: input.secret,
        region: input.region,
        endpoint: input.endpoint,
      };
    case 's3':
      return { service: 's3', key: input.key, secret: input.secret, endpoint: input.endpoint };
  }
}
