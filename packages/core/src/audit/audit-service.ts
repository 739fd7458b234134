import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { isoTimestamp } from '../db/row-values.js';
import { type Actor, requireAdmin } from '../shared/actor.js';

/** One recorded change (E1). */
export interface AuditEvent {
  id: string;
  actor: { type: 'user' | 'operator' | 'system'; userId: string | null };
  action: string;
  target: { type: string; id: string };
  changedFields: string[];
  at: string;
}

/** Reads the account's audit log (admins only). */
export class AuditService {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /** The account's newest events first, at most `limit` (1..500, default 50). */
  async list(actor: Actor, options: { limit?: number } = {}): Promise<AuditEvent[]> {
    requireAdmin(actor);
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
    const rows = await this.#db
      .selectFrom('audit_events')
      .selectAll()
      .where('account_id', '=', actor.accountId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      actor: { type: row.actor_type, userId: row.actor_id },
      action: row.action,
      target: { type: row.target_type, id: row.target_id },
      changedFields: JSON.parse(row.changed_fields) as string[],
      at: isoTimestamp(row.created_at),
    }));
  }
}
