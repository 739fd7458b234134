import { createSecretKey, type KeyObject, randomBytes } from 'node:crypto';
import type { DialectAdapter, Kysely } from 'kysely';
import type { Database, Executor } from '../db/database.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import type { KeyRing } from '../integrations/index.js';

/** The key new events are sealed with, and its id (stored beside each seal). */
export interface AuditKey {
  id: string;
  key: KeyObject;
}

const wrapContext = (id: string) => `audit-key:${id}`;

/**
 * The keys that seal the audit log (E3). Each is a random 256-bit HMAC key, stored in
 * `audit_keys` sealed by the key ring (AES-256-GCM, the ring's key id beside it): one per
 * ring key that was ever the newest, named `audit-<ring key id>`. Rotating the ring makes a
 * new audit key for new events; `rewrap` re-seals the older audit keys under the ring's
 * newest key, so old events stay verifiable after the old ring key is retired. Without a
 * key ring, events are chained by plain SHA-256 (no key).
 */
export class AuditKeys {
  readonly #ring: KeyRing | undefined;
  /** Keys known to be committed, by id. */
  readonly #committed = new Map<string, KeyObject>();
  /** A key a transaction created, until it commits: other transactions must not use it. */
  readonly #createdIn = new WeakMap<Executor, AuditKey>();

  constructor(ring: KeyRing | undefined) {
    this.#ring = ring;
  }

  /** Whether events are sealed with a key (a key ring is configured). */
  get keyed(): boolean {
    return this.#ring !== undefined;
  }

  /**
   * The key new events are sealed with, created (in `db`, the caller's transaction) when the
   * ring's newest key has none yet; null without a key ring. Concurrent creators agree: the
   * row's id is unique, the loser reads the winner's key once it commits.
   */
  async current(db: Executor): Promise<AuditKey | null> {
    const ring = this.#ring;
    if (!ring) return null;
    const id = `audit-${ring.currentKeyId}`;
    const known = this.#committed.get(id);
    if (known) return { id, key: known };
    const pending = this.#createdIn.get(db);
    if (pending) return pending;
    const sealed = ring.seal(randomBytes(32).toString('base64'), wrapContext(id));
    const created = await db
      .insertInto('audit_keys')
      .values({
        id,
        wrapped_key_id: sealed.keyId,
        sealed: sealed.sealed,
        created_at: new Date().toISOString(),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .execute();
    const key = await this.#load(db, id);
    if (!key) throw new Error(`Audit key ${id} vanished`);
    if (created.length === 0) this.#committed.set(id, key);
    else this.#createdIn.set(db, { id, key });
    return { id, key };
  }

  /**
   * The key an event names, or null when no such key is stored (a seal naming it is
   * broken). Throws `unavailable` without a key ring, or when the ring lacks the key that
   * seals it.
   */
  async byId(db: Executor, id: string): Promise<KeyObject | null> {
    const known = this.#committed.get(id);
    if (known) return known;
    const key = await this.#load(db, id);
    if (key && !db.isTransaction) this.#committed.set(id, key);
    return key;
  }

  /** Re-seals every audit key under the ring's newest key; returns how many were. */
  async rewrap(db: Kysely<Database>): Promise<number> {
    const ring = this.#ring;
    if (!ring) return 0;
    const rows = await db
      .selectFrom('audit_keys')
      .selectAll()
      .where('wrapped_key_id', '<>', ring.currentKeyId)
      .execute();
    let count = 0;
    for (const row of rows) {
      const secret = ring.open(
        { keyId: row.wrapped_key_id, sealed: row.sealed },
        wrapContext(row.id),
      );
      const sealed = ring.seal(secret, wrapContext(row.id));
      const updated = await db
        .updateTable('audit_keys')
        .set({ wrapped_key_id: sealed.keyId, sealed: sealed.sealed })
        .where('id', '=', row.id)
        .where('wrapped_key_id', '=', row.wrapped_key_id)
        .executeTakeFirst();
      count += Number(updated.numUpdatedRows);
    }
    return count;
  }

  async #load(db: Executor, id: string): Promise<KeyObject | null> {
    const row = await db
      .selectFrom('audit_keys')
      .select(['wrapped_key_id', 'sealed'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return null;
    if (!this.#ring)
      throw new SwitchboardError(
        'unavailable',
        'The audit log is sealed with keys: checking it needs the key ring (secretKeys)',
      );
    try {
      const secret = this.#ring.open(
        { keyId: row.wrapped_key_id, sealed: row.sealed },
        wrapContext(id),
      );
      return createSecretKey(Buffer.from(secret, 'base64'));
    } catch (error) {
      throw new SwitchboardError('unavailable', `Audit key ${id} cannot be opened`, {
        cause: error,
      });
    }
  }
}

/** The audit keys of each Switchboard, by its Kysely instance's adapter (shared by its transactions). */
const registry = new WeakMap<DialectAdapter, AuditKeys>();
const unkeyed = new AuditKeys(undefined);

/** Makes `keys` the audit keys of `db` and of every transaction on it (see `auditKeysOf`). */
export function useAuditKeys(db: Kysely<Database>, keys: AuditKeys): void {
  registry.set(db.getExecutor().adapter, keys);
}

/**
 * The audit keys of the Switchboard `db` (a Kysely instance or one of its transactions)
 * belongs to: how `recordAudit`, called by the write pipeline with only the transaction,
 * finds them. A database no Switchboard registered chains without a key.
 */
export function auditKeysOf(db: Executor): AuditKeys {
  return registry.get(db.getExecutor().adapter) ?? unkeyed;
}
