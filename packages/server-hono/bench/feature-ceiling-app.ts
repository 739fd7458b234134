import { Hono } from 'hono';
import { isPostgresUrl } from './bench-database.ts';
import { bool, hash, iso, postgresRaw, type Raw, sessionActor, sqliteRaw } from './ceiling-app.ts';

/**
 * The ceiling of `npm run bench:features`, in the manner of `ceiling-app.ts`: a bare Hono
 * app running on the raw driver the same SQL statements as Switchboard's routes for the
 * audit log's list and SCIM's `userName` lookup, answering the same JSON shape, with no
 * validation, services or ORM.
 */

/** `GET /v1/audit-events`'s statement, as Switchboard's `findAuditPage` compiles it. */
function auditPageQuery(
  accountId: string,
  filter: { action?: string; actorId?: string; targetId?: string },
  after: [string, string] | null,
  limit: number,
): [string, unknown[]] {
  const where = ['"account_id" = $1'];
  const params: unknown[] = [accountId];
  const add = (condition: (n: number) => string, ...values: unknown[]) => {
    where.push(condition(params.length + 1));
    params.push(...values);
  };
  if (filter.action?.endsWith('.*')) add((n) => `"area" = $${n}`, filter.action.slice(0, -2));
  else if (filter.action !== undefined) add((n) => `"action" = $${n}`, filter.action);
  if (filter.actorId !== undefined) add((n) => `"actor_id" = $${n}`, filter.actorId);
  if (filter.targetId !== undefined) add((n) => `"target_id" = $${n}`, filter.targetId);
  if (after) add((n) => `("created_at", "seq") < ($${n}, $${n + 1})`, after[0], Number(after[1]));
  params.push(limit);
  return [
    `select * from "audit_events" where ${where.join(' and ')} order by "created_at" desc, "seq" desc limit $${params.length}`,
    params,
  ];
}

export function featureCeilingApp(databaseUrl: string): Hono {
  const db: Raw = isPostgresUrl(databaseUrl) ? postgresRaw(databaseUrl) : sqliteRaw(databaseUrl);
  const app = new Hono();

  app.get('/v1/audit-events', async (c) => {
    const me = await sessionActor(db, c.req.header('authorization'));
    if (!me) return c.json({}, 401);
    if (!me.isAdmin) return c.json({}, 403);
    const limit = Number(c.req.query('limit') ?? 50);
    const cursor = c.req.query('cursor');
    const after = cursor
      ? (JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string])
      : null;
    const [sql, params] = auditPageQuery(
      me.accountId,
      {
        ...(c.req.query('action') === undefined ? {} : { action: c.req.query('action') }),
        ...(c.req.query('actorId') === undefined ? {} : { actorId: c.req.query('actorId') }),
        ...(c.req.query('targetId') === undefined ? {} : { targetId: c.req.query('targetId') }),
      },
      after,
      limit + 1,
    );
    const rows = await db.all(sql, params);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return c.json({
      data: page.map((r) => ({
        id: r.id,
        action: r.action,
        actor: { type: r.actor_type, id: r.actor_id },
        target: { type: r.target_type, id: r.target_id },
        changedFields: JSON.parse(String(r.changed_fields)),
        requestId: r.request_id,
        clientAddress: r.client_address,
        at: iso(r.created_at),
      })),
      nextCursor:
        rows.length > limit && last
          ? Buffer.from(JSON.stringify([iso(last.created_at), String(last.seq)])).toString(
              'base64url',
            )
          : null,
    });
  });

  app.get('/scim/v2/Users', async (c) => {
    const token = c.req.header('authorization')?.slice('Bearer '.length) ?? '';
    const [scim] = await db.all(
      'select "id", "account_id", "last_used_at" from "scim_tokens" where "token_hash" = $1 and "revoked_at" is null',
      [hash(token)],
    );
    if (!scim) return c.json({}, 401);
    const userName = /^userName eq "(.*)"$/.exec(c.req.query('filter') ?? '')?.[1] ?? '';
    const rows = await db.all(
      'select * from "users" where "account_id" = $1 and "email_key" = $2',
      [scim.account_id, userName.trim().normalize('NFKC').toLowerCase()],
    );
    const base = 'http://localhost:3000/scim/v2';
    c.header('content-type', 'application/scim+json');
    return c.body(
      JSON.stringify({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
        totalResults: rows.length,
        startIndex: 1,
        itemsPerPage: rows.length,
        Resources: rows.map((r) => ({
          schemas: [
            'urn:ietf:params:scim:schemas:core:2.0:User',
            'urn:switchboard:params:scim:schemas:extension:2.0:User',
          ],
          id: r.id,
          ...(r.external_id ? { externalId: r.external_id } : {}),
          userName: r.email,
          name: {
            givenName: r.first_name,
            familyName: r.last_name,
            formatted: `${r.first_name} ${r.last_name}`,
          },
          displayName: `${r.first_name} ${r.last_name}`,
          emails: [{ value: r.email, type: 'work', primary: true }],
          active: r.deactivated_at === null,
          'urn:switchboard:params:scim:schemas:extension:2.0:User': {
            isAdmin: bool(r.is_admin),
            canCreate: bool(r.can_create),
            canShare: bool(r.can_share),
          },
          meta: {
            resourceType: 'User',
            created: iso(r.created_at),
            lastModified: iso(r.updated_at),
            location: `${base}/Users/${r.id}`,
            version: `"${r.version}"`,
          },
        })),
      }),
    );
  });

  return app;
}
