import { serve as serveNode } from '@hono/node-server';
import { consoleLogger } from '@switchboard/core';
import { createConsoleApp } from '../console/create-console-app.js';
import { createSwitchboardApp } from '../create-switchboard-app.js';
import { openSwitchboard } from './open-switchboard.js';
import { seedDemoAccount } from './seed-demo-account.js';
import type { ServerConfig } from './server-config.js';

/** Runs the reference server until SIGINT/SIGTERM: migrate, seed an empty database, listen. */
export async function serve(config: ServerConfig): Promise<void> {
  const started = performance.now();
  const switchboard = openSwitchboard(config, consoleLogger);
  await switchboard.migrate();
  const seeded = await seedDemoAccount(switchboard);
  const app = createSwitchboardApp(switchboard, {
    ...(config.operatorToken ? { operatorToken: config.operatorToken } : {}),
    trustProxy: config.trustProxy,
  });
  app.route('/', createConsoleApp());

  const server = serveNode({ fetch: app.fetch, port: config.port, hostname: '0.0.0.0' }, (info) => {
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
  });

  const shutdown = (signal: string) => {
    console.info(`${signal}: shutting down`);
    server.close(() => {
      void switchboard.close().then(() => process.exit(0));
    });
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}
