import { createHash, randomBytes } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { Hono } from 'hono';
import pg from 'pg';
import { isPostgresUrl } from './bench-database.ts';

/**
 * The ceiling: a bare Hono app running the same SQL statements as Switchboard's routes on a
 * raw driver (node:sqlite or pg), answering the same JSON shape, with no validation,
 * services or ORM. What Switchboard is measured against.
 */
interface Raw {
  all(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  run(sql: string, params: unknown[]): Promise<void>;
  transaction<T>(work: (tx: Raw) => Promise<T>): Promise<T>;
}

function sqliteRaw(path: string): Raw {
  const db = new DatabaseSync(path, { timeout: 5000 });
  db.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL');
  const statements = new Map<string, ReturnType<DatabaseSync['prepare']>>();
  const prepare = (sql: string) => {
    const q = sql.replace(/\$\d+/g, '?').replace(/ for update/g, '');
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
    run: async (sql, params) => void prepare(sql).run(...bind(params)),
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
  };
  return raw;
}

function postgresRaw(url: string): Raw {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const on = (client: pg.Pool | pg.PoolClient): Raw => ({
    all: async (sql, params) => (await client.query(sql, params)).rows,
    run: async (sql, params) => void (await client.query(sql, params)),
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
  });
  return on(pool);
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const id = (prefix: string) => `${prefix}_${randomBytes(16).toString('hex').slice(0, 26)}`;
const iso = (v: unknown) =>
  v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString();
const bool = (v: unknown) => v === true || v === 1;

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

export function ceilingApp(databaseUrl: string): Hono {
  const db = isPostgresUrl(databaseUrl) ? postgresRaw(databaseUrl) : sqliteRaw(databaseUrl);
  const app = new Hono();

  async function actor(authorization: string | undefined) {
    const token = authorization?.slice('Bearer '.length) ?? '';
    const [row] = await db.all(
      'select "sessions"."id" as "session_id", "sessions"."expires_at", "users"."id", "users"."account_id", "users"."is_admin" from "sessions" inner join "users" on "users"."id" = "sessions"."user_id" where "sessions"."token_hash" = $1 and "sessions"."expires_at" > $2 and "users"."status" = $3',
      [hash(token), new Date().toISOString(), 'active'],
    );
    return row ? { userId: String(row.id), accountId: String(row.account_id) } : null;
  }

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
      await tx.all('select * from "accounts" where "id" = $1 for update', [me.accountId]);
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
          '9999-01-01T00:00:00.000Z',
          null,
          null,
          now,
        ],
      );
      await tx.run(
        'insert into "audit_events" ("id", "account_id", "actor_type", "actor_id", "action", "target_type", "target_id", "changed_fields", "created_at") values ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
        [id('evt'), me.accountId, 'user', me.userId, 'user.added', 'user', userId, '[]', now],
      );
      return inserted ?? {};
    });
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
      const [updated] = await tx.all(
        'update "phone_numbers" set "owner_id" = $1, "updated_at" = $2 where "id" = $3 returning *',
        [ownerId, now, number.id],
      );
      await tx.run(
        'insert into "audit_events" ("id", "account_id", "actor_type", "actor_id", "action", "target_type", "target_id", "changed_fields", "created_at") values ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
        [
          id('evt'),
          me.accountId,
          'user',
          me.userId,
          'phone_number.updated',
          'phone_number',
          number.id,
          '["ownerId"]',
          now,
        ],
      );
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
