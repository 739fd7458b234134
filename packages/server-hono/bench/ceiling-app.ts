import { createHmac, hash as digest, randomBytes } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { Hono } from 'hono';
import pg from 'pg';
import { isPostgresUrl } from './bench-database.ts';

/**
 * The ceiling: a bare Hono app running the same SQL statements as Switchboard's routes on a
 * raw driver (node:sqlite or pg), answering the same JSON shape, with no validation,
 * services or ORM. What Switchboard is measured against. Like Switchboard, it delivers the
 * activation mail it queues after the request commits (to a mailer that does nothing), with
 * the outbox's statements: a claim transaction per batch, then per message a lease renewal
 * and a mark-sent.
 */
export interface Raw {
  all(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  /** Runs a statement; answers how many rows it changed. */
  run(sql: string, params: unknown[]): Promise<number>;
  transaction<T>(work: (tx: Raw) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function sqliteRaw(path: string): Raw {
  const db = new DatabaseSync(path, { timeout: 5000 });
  db.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL');
  const statements = new Map<string, ReturnType<DatabaseSync['prepare']>>();
  const prepare = (sql: string) => {
    const q = sql.replace(/\$\d+/g, '?').replace(/ for (no key )?update/g, '');
    let s = statements.get(q);
    if (!s) {
      s = db.prepare(q);
      statements.set(q, s);
    }
    return s;
  };
  const bind = (params: unknown[]) =>
    params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p)) as never[];
  const raw: Raw = {
    all: async (sql, params) => prepare(sql).all(...bind(params)) as Record<string, unknown>[],
    run: async (sql, params) => Number(prepare(sql).run(...bind(params)).changes),
    transaction: async (work) => {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(raw);
        db.exec('COMMIT');
        return result;
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
    close: async () => db.close(),
  };
  return raw;
}

export function postgresRaw(url: string): Raw {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const on = (client: pg.Pool | pg.PoolClient): Raw => ({
    all: async (sql, params) => (await client.query(sql, params)).rows,
    run: async (sql, params) => (await client.query(sql, params)).rowCount ?? 0,
    transaction: async (work) => {
      const c = await pool.connect();
      try {
        await c.query('begin');
        const result = await work(on(c));
        await c.query('commit');
        return result;
      } catch (error) {
        await c.query('rollback');
        throw error;
      } finally {
        c.release();
      }
    },
    close: () => pool.end(),
  });
  return on(pool);
}

export const hash = (token: string) => digest('sha256', token, 'hex');
const id = (prefix: string) => `${prefix}_${randomBytes(16).toString('hex').slice(0, 26)}`;
// SQLite hands back the ISO strings that were written; pg hands back Dates.
export const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));
export const bool = (v: unknown) => v === true || v === 1;

function user(r: Record<string, unknown>) {
  return {
    id: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    email: r.email,
    isAdmin: bool(r.is_admin),
    permissions: { canCreate: bool(r.can_create), canShare: bool(r.can_share) },
    twoFactorEnabled: bool(r.two_factor_enabled),
    status: r.status,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

/**
 * Delivers due mail after commits as Switchboard's outbox does: one round at a time (a kick
 * during a round asks for another), batches of 20 claimed in a transaction (`FOR UPDATE
 * SKIP LOCKED` on PostgreSQL) with a 60 s lease, then per message a renewal that counts the
 * attempt, the send, and the mark-sent that erases the body.
 */
function mailDelivery(db: Raw, postgres: boolean): () => void {
  const leaseMs = 60_000;
  const batchSize = 20;
  const send = async (_message: Record<string, unknown>) => {};
  const flush = async () => {
    for (;;) {
      const now = new Date();
      const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
      const batch = await db.transaction(async (tx) => {
        const due = await tx.all(
          `select "id", "recipient", "subject", "text_body", "html_body", "attempts" from "mail_outbox" where "sent_at" is null and "next_attempt_at" <= $1 and "attempts" < $2 order by "next_attempt_at" limit $3${postgres ? ' for update skip locked' : ''}`,
          [now.toISOString(), 8, batchSize],
        );
        if (due.length === 0) return due;
        await tx.run(
          `update "mail_outbox" set "next_attempt_at" = $1 where "id" in (${due.map((_, i) => `$${i + 2}`).join(', ')})`,
          [leaseUntil, ...due.map((m) => m.id)],
        );
        return due;
      });
      for (const message of batch) {
        const renewed = await db.all(
          'update "mail_outbox" set "next_attempt_at" = $1, "attempts" = "attempts" + $2 where "id" = $3 and "sent_at" is null and "next_attempt_at" = $4 returning "id"',
          [new Date(Date.now() + leaseMs).toISOString(), 1, message.id, leaseUntil],
        );
        if (renewed.length === 0) continue;
        await send(message);
        await db.run(
          'update "mail_outbox" set "sent_at" = $1, "text_body" = $2, "html_body" = $3, "last_error" = $4 where "id" = $5',
          [new Date().toISOString(), null, null, null, message.id],
        );
      }
      if (batch.length < batchSize) return;
    }
  };
  let running = false;
  let again = false;
  return function kick() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    void (async () => {
      do {
        again = false;
        await flush().catch(() => {});
      } while (again);
      running = false;
    })();
  };
}

/** A key standing in for the audit key Switchboard seals with. */
const auditKey = randomBytes(32);

/**
 * Appends an audit event as Switchboard does (E3): takes the account's chain head (an
 * upsert that locks it), seals the event with HMAC-SHA-256 over the previous seal and its
 * content, inserts it with its number and seal, and moves the head.
 * `values`: id, account, actor type, actor id, action, target type, target id, fields, time.
 */
async function appendAudit(tx: Raw, values: unknown[]): Promise<void> {
  const [id, accountId, , , action, , , , at] = values as string[];
  const [head] = await tx.all(
    'insert into "audit_chains" ("account_id", "last_seq", "last_seal", "last_at", "start_seq", "start_seal") values ($1, 1, $2, $3, 0, $4) on conflict ("account_id") do update set "last_seq" = "audit_chains"."last_seq" + 1 returning "last_seq", "last_seal"',
    [accountId, '', at, ''],
  );
  const seal = createHmac('sha256', auditKey)
    .update(`${String(head?.last_seal)}\n${JSON.stringify(values)}`)
    .digest('base64url');
  await tx.run(
    'insert into "audit_events" ("id", "account_id", "actor_type", "actor_id", "action", "target_type", "target_id", "changed_fields", "created_at", "area", "request_id", "client_address", "seq", "key_id", "seal") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)',
    [
      ...values,
      String(action).split('.')[0],
      id,
      '127.0.0.1',
      Number(head?.last_seq),
      'audit-bench',
      seal,
    ],
  );
  await tx.run(
    'update "audit_chains" set "last_seal" = $1, "last_at" = $2 where "account_id" = $3',
    [seal, at, accountId],
  );
}

/** The signed-in user of a bearer session token, with the session lookup Switchboard runs. */
export async function sessionActor(db: Raw, authorization: string | undefined) {
  const token = authorization?.slice('Bearer '.length) ?? '';
  const [row] = await db.all(
    'select "sessions"."id" as "session_id", "sessions"."expires_at", "users"."id", "users"."account_id", "users"."is_admin" from "sessions" inner join "users" on "users"."id" = "sessions"."user_id" where "sessions"."token_hash" = $1 and "sessions"."expires_at" > $2 and "users"."status" = $3 and "users"."deactivated_at" is null',
    [hash(token), new Date().toISOString(), 'active'],
  );
  return row
    ? { userId: String(row.id), accountId: String(row.account_id), isAdmin: bool(row.is_admin) }
    : null;
}

export function ceilingApp(databaseUrl: string): Hono {
  const postgres = isPostgresUrl(databaseUrl);
  const db = postgres ? postgresRaw(databaseUrl) : sqliteRaw(databaseUrl);
  const kickMail = mailDelivery(db, postgres);
  const app = new Hono();

  const actor = (authorization: string | undefined) => sessionActor(db, authorization);

  app.get('/v1/users', async (c) => {
    const me = await actor(c.req.header('authorization'));
    if (!me) return c.json({}, 401);
    const limit = Number(c.req.query('limit') ?? 50);
    const cursor = c.req.query('cursor');
    const after = cursor
      ? (JSON.parse(Buffer.from(cursor, 'base64url').toString()) as string[])
      : null;
    const rows = await db.all(
      `select * from "users" where "account_id" = $1${after ? ' and ("last_name", "first_name", "id") > ($2, $3, $4)' : ''} order by "last_name", "first_name", "id" limit $${after ? 5 : 2}`,
      after ? [me.accountId, ...after, limit + 1] : [me.accountId, limit + 1],
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return c.json({
      data: page.map(user),
      nextCursor:
        rows.length > limit && last
          ? Buffer.from(JSON.stringify([last.last_name, last.first_name, last.id])).toString(
              'base64url',
            )
          : null,
    });
  });

  app.get('/v1/users/:id', async (c) => {
    const me = await actor(c.req.header('authorization'));
    if (!me) return c.json({}, 401);
    const [row] = await db.all('select * from "users" where "id" = $1', [c.req.param('id')]);
    if (!row || row.account_id !== me.accountId) return c.json({}, 404);
    return c.json(user(row));
  });

  app.post('/v1/users', async (c) => {
    const me = await actor(c.req.header('authorization'));
    if (!me) return c.json({}, 401);
    const body = (await c.req.json()) as { firstName: string; lastName: string; email: string };
    const now = new Date().toISOString();
    const row = await db.transaction(async (tx) => {
      // As Switchboard's lockAccount: FOR NO KEY UPDATE, which the audit insert's KEY SHARE
      // does not wait for (FOR UPDATE deadlocks with it).
      await tx.all('select * from "accounts" where "id" = $1 for no key update', [me.accountId]);
      await tx.all('select * from "users" where "id" = $1', [me.userId]);
      const [inserted] = await tx.all(
        'insert into "users" ("id", "account_id", "first_name", "last_name", "email", "email_key", "is_admin", "can_create", "can_share", "two_factor_enabled", "status", "password_hash", "created_at", "updated_at") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) returning *',
        [
          id('usr'),
          me.accountId,
          body.firstName,
          body.lastName,
          body.email,
          body.email.trim().normalize('NFKC').toLowerCase(),
          false,
          false,
          false,
          false,
          'pending',
          null,
          now,
          now,
        ],
      );
      const userId = String(inserted?.id);
      await tx.run(
        'update "user_tokens" set "used_at" = $1 where "user_id" = $2 and "purpose" = $3 and "used_at" is null',
        [now, userId, 'activation'],
      );
      const token = randomBytes(32).toString('base64url');
      await tx.run(
        'insert into "user_tokens" ("id", "user_id", "purpose", "token_hash", "expires_at", "used_at", "created_at") values ($1, $2, $3, $4, $5, $6, $7)',
        [id('tok'), userId, 'activation', hash(token), now, null, now],
      );
      await tx.run(
        'insert into "mail_outbox" ("id", "recipient", "subject", "text_body", "html_body", "template", "next_attempt_at", "sent_at", "last_error", "created_at") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
        [
          id('mail'),
          body.email,
          'Activate',
          `link ${token}`,
          `<a>${token}</a>`,
          'activation',
          now,
          null,
          null,
          now,
        ],
      );
      await appendAudit(tx, [
        id('evt'),
        me.accountId,
        'user',
        me.userId,
        'user.added',
        'user',
        userId,
        '[]',
        now,
      ]);
      return inserted ?? {};
    });
    kickMail();
    return c.json(user(row), 201);
  });

  app.patch('/v1/phone-numbers/:id', async (c) => {
    const me = await actor(c.req.header('authorization'));
    if (!me) return c.json({}, 401);
    const { ownerId } = (await c.req.json()) as { ownerId: string };
    const now = new Date().toISOString();
    const row = await db.transaction(async (tx) => {
      const [number] = await tx.all(
        'select * from "phone_numbers" where "id" = $1 and "account_id" = $2 and "status" = $3',
        [c.req.param('id'), me.accountId, 'active'],
      );
      if (!number) return null;
      await tx.all('select * from "users" where "id" = $1', [ownerId]);
      if (number.owner_id === ownerId) return number; // no change: nothing written, as ours
      const [updated] = await tx.all(
        'update "phone_numbers" set "owner_id" = $1, "updated_at" = $2 where "id" = $3 returning *',
        [ownerId, now, number.id],
      );
      await appendAudit(tx, [
        id('evt'),
        me.accountId,
        'user',
        me.userId,
        'phone_number.updated',
        'phone_number',
        number.id,
        '["ownerId"]',
        now,
      ]);
      return updated ?? null;
    });
    if (!row) return c.json({}, 404);
    return c.json({
      id: row.id,
      number: row.number,
      ownerId: row.owner_id,
      pci: bool(row.pci),
      applicationId: row.application_id,
      createdAt: iso(row.created_at),
    });
  });

  app.get('/v1/integrations', async (c) => {
    const me = await actor(c.req.header('authorization'));
    if (!me) return c.json({}, 401);
    const rows = await db.all(
      'select * from "integrations" where "account_id" = $1 order by "name_key"',
      [me.accountId],
    );
    return c.json({
      data: rows.map((r) => ({
        id: r.id,
        service: r.service,
        name: r.name,
        description: r.description,
        details: JSON.parse(String(r.details)),
        status: {
          state: r.status_state,
          checkedAt: r.status_checked_at ? iso(r.status_checked_at) : null,
        },
        createdAt: iso(r.created_at),
        updatedAt: iso(r.updated_at),
      })),
    });
  });

  return app;
}
