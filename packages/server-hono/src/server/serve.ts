import { consoleLogger } from '@switchboard/core';
import { createConsoleApp } from '../console/create-console-app.js';
import { createSwitchboardApp } from '../create-switchboard-app.js';
import { createHttpServer } from './http-server.js';
import { openSwitchboard } from './open-switchboard.js';
import { seedDemoAccount } from './seed-demo-account.js';
import type { ServerConfig } from './server-config.js';
import { shutDownOnSignals } from './shut-down-on-signals.js';

/**
 * Runs the reference server until SIGINT/SIGTERM: migrate, seed an empty database, listen;
 * then shut down gracefully within `config.shutdownTimeoutMs` (see `shutDownOnSignals`).
 */
export async function serve(config: ServerConfig): Promise<void> {
  const started = performance.now();
  const switchboard = openSwitchboard(config, consoleLogger);
  await switchboard.migrate();
  const seeded = await seedDemoAccount(switchboard);
  const app = createSwitchboardApp(switchboard, {
    ...(config.operatorToken ? { operatorToken: config.operatorToken } : {}),
    trustProxy: config.trustProxy,
    requireIfMatch: config.requireIfMatch,
  });
  app.route('/', createConsoleApp());

  const http = createHttpServer(app.fetch, consoleLogger);
  const info = await http.listen(config.port, '0.0.0.0');
  const url = `http://localhost:${info.port}`;
  console.info(
    `Switchboard listening on ${url} (ready in ${Math.round(performance.now() - started)} ms)`,
  );
  console.info(`  Admin console: ${url}/console`);
  console.info(`  API reference: ${url}/docs   OpenAPI: ${url}/openapi.json`);
  if (!config.operatorToken)
    console.info('  Operator routes are off: set SWITCHBOARD_OPERATOR_TOKEN to enable them.');
  if (seeded) {
    console.info(
      [
        '',
        `Created the demo account "${seeded.account.companyName}" with admin ${seeded.admin.email}.`,
        'Open this link to choose the admin password and sign in to the console',
        '(valid 72 hours, single use):',
        `  ${seeded.activationLink}`,
        '',
      ].join('\n'),
    );
  }

  shutDownOnSignals({
    http,
    close: () => switchboard.close(),
    timeoutMs: config.shutdownTimeoutMs,
    log: (line) => console.info(line),
    exit: (code) => process.exit(code),
  });
}
