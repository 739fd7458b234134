import { serve } from '@hono/node-server';
import { createSwitchboard, postgres, silentLogger, sqlite } from '@switchboard/core';
import { createSwitchboardApp } from '@switchboard/server-hono';
import { isPostgresUrl } from './bench-database.ts';
import { ceilingApp } from './ceiling-app.ts';

/**
 * A benchmark server in its own process:
 * `node bench-server.ts switchboard|ceiling|feature-ceiling <db>`. Prints `READY <port>`
 * when listening and `MAXRSS <kB>` when told to stop (SIGTERM). As the reference server,
 * Switchboard relaxes its webhooks' SSRF rules only when `SWITCHBOARD_WEBHOOKS_ALLOW_HTTP`
 * and `SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE` are `true` (a receiver on loopback), and takes
 * `SWITCHBOARD_WEBHOOKS_RATE_WHILE_SERVING` from the environment as it does.
 */
const [mode, databaseUrl = ''] = process.argv.slice(2);
let fetch: (request: Request) => Response | Promise<Response>;
let close = async () => {};
if (mode === 'switchboard') {
  const allowHttp = process.env.SWITCHBOARD_WEBHOOKS_ALLOW_HTTP === 'true';
  const allowPrivateAddresses = process.env.SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE === 'true';
  const rate = Number(process.env.SWITCHBOARD_WEBHOOKS_RATE_WHILE_SERVING) || undefined;
  const sb = createSwitchboard({
    database: isPostgresUrl(databaseUrl) ? postgres(databaseUrl) : sqlite(databaseUrl),
    logger: silentLogger,
    mailer: { send: async () => {} },
    secretKeys: process.env.SWITCHBOARD_SECRET_KEYS ?? '',
    ...(allowHttp || allowPrivateAddresses
      ? { webhooks: { allowHttp, allowPrivateAddresses, ratePerSecondWhileServing: rate } }
      : {}),
  });
  await sb.migrate();
  fetch = createSwitchboardApp(sb).fetch;
  close = () => sb.close();
} else if (mode === 'feature-ceiling') {
  fetch = (await import('./feature-ceiling-app.ts')).featureCeilingApp(databaseUrl).fetch;
} else {
  fetch = ceilingApp(databaseUrl).fetch;
}
const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
  console.log(`READY ${info.port}`),
);
process.once('SIGTERM', () => {
  server.close();
  console.log(`MAXRSS ${process.resourceUsage().maxRSS}`);
  void close().finally(() => process.exit(0));
});
