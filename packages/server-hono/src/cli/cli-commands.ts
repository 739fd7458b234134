import { parseArgs } from 'node:util';
import {
  consoleLogger,
  isSwitchboardError,
  newKeyRingEntry,
  operatorActor,
} from '@switchboard/core';
import { openSwitchboard } from '../server/open-switchboard.js';
import { serve } from '../server/serve.js';
import { serverConfigFrom } from '../server/server-config.js';
import { auditVerifyCommand } from './audit-verify-command.js';
import { progressBar } from './progress-bar.js';

/** One `switchboard` sub-command. */
export interface CliCommand {
  name: string;
  summary: string;
  help: string;
  run(args: string[], env: NodeJS.ProcessEnv): Promise<number>;
}

const environmentHelp = `Environment:
  DATABASE_URL                postgres://… or a SQLite file path or :memory: (default ./data/switchboard.db)
  SWITCHBOARD_OPERATOR_TOKEN  bearer token of the platform operator (operator routes off without it)
  SMTP_URL                    smtp://user:pass@host:port for outgoing mail (default: mail goes to the log)
  TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN  buy toll-free numbers from a Twilio-style carrier
                              (TWILIO_API_URL overrides its base; default: a local toll-free pool)
  SWITCHBOARD_SECRET_KEYS     id:base64key[,…] sealing integration secrets; the first one seals
  MAIL_FROM                   sender of every automated email (default hello@localhost)
  PUBLIC_URL                  base of links in emails (default http://localhost:$PORT)`;

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Run the reference HTTP server',
  help: `Usage: switchboard serve

Migrates the database, creates a demo account when it is empty (printing how its admin
gets in), and serves the admin API and the admin console (/console) on PORT
(default 3000).

${environmentHelp}
  PORT                        port to listen on (default 3000)
  SWITCHBOARD_TRUST_PROXY     true: client addresses from X-Forwarded-For (only behind your own proxy)
  SWITCHBOARD_SHUTDOWN_TIMEOUT_SECONDS
                              seconds requests in flight get to finish on SIGTERM (default 10)`,
  async run(_args, env) {
    await serve(serverConfigFrom(env));
    return 0;
  },
};

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'Bring the database schema up to date',
  help: `Usage: switchboard migrate

Applies pending migrations to DATABASE_URL and exits. Safe to run from several
processes at once; run it as a deploy step before starting servers on PostgreSQL.

${environmentHelp}`,
  async run(_args, env) {
    const switchboard = openSwitchboard(serverConfigFrom(env), consoleLogger, {
      deliverDueMail: false,
    });
    try {
      const applied = await switchboard.migrate();
      console.info(applied.length ? `Applied: ${applied.join(', ')}` : 'Already up to date.');
      return 0;
    } finally {
      await switchboard.close();
    }
  },
};

export const accountsCreateCommand: CliCommand = {
  name: 'accounts create',
  summary: 'Create a company account and print its admin activation link',
  help: `Usage: switchboard accounts create --company NAME --admin-email EMAIL
                                 --admin-first-name NAME --admin-last-name NAME [--demo]

Creates the account and its first admin (pending until they activate), emails the
activation link, and prints it. Migrates the database first.

${environmentHelp}`,
  async run(args, env) {
    const { values } = parseArgs({
      args,
      options: {
        company: { type: 'string' },
        'admin-email': { type: 'string' },
        'admin-first-name': { type: 'string' },
        'admin-last-name': { type: 'string' },
        demo: { type: 'boolean', default: false },
      },
      strict: true,
    });
    const switchboard = openSwitchboard(serverConfigFrom(env), consoleLogger, {
      deliverDueMail: false,
    });
    try {
      await switchboard.migrate();
      const created = await switchboard.operator.createAccount(operatorActor(), {
        companyName: values.company ?? '',
        demo: values.demo ?? false,
        admin: {
          firstName: values['admin-first-name'] ?? '',
          lastName: values['admin-last-name'] ?? '',
          email: values['admin-email'] ?? '',
        },
      });
      console.info(`Created account ${created.account.id} (${created.account.companyName}).`);
      console.info(`Admin ${created.admin.email} activates at:\n  ${created.activationLink}`);
      return 0;
    } catch (error) {
      if (isSwitchboardError(error)) {
        console.error(`${error.code}: ${error.message}`);
        for (const issue of error.issues ?? [])
          console.error(`  ${issue.path || '(body)'}: ${issue.message}`);
        return 1;
      }
      throw error;
    } finally {
      await switchboard.close();
    }
  },
};

export const keysGenerateCommand: CliCommand = {
  name: 'keys generate',
  summary: 'Print a new key for SWITCHBOARD_SECRET_KEYS',
  help: `Usage: switchboard keys generate [--id ID]

Prints a new random 256-bit key as id:base64key. To rotate, put it first in
SWITCHBOARD_SECRET_KEYS (keeping the old keys after it), restart, then run
switchboard keys rotate.`,
  async run(args) {
    const { values } = parseArgs({ args, options: { id: { type: 'string' } }, strict: true });
    console.info(
      newKeyRingEntry(values.id ?? `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`),
    );
    return 0;
  },
};

export const keysRotateCommand: CliCommand = {
  name: 'keys rotate',
  summary: 'Re-seal every integration and webhook secret under the newest key',
  help: `Usage: switchboard keys rotate

Re-encrypts every integration's configuration, and every webhook endpoint's signing
secret, under the first key of SWITCHBOARD_SECRET_KEYS, showing progress. Afterwards the older keys can be removed
from SWITCHBOARD_SECRET_KEYS. Safe to run again; rows already under the newest key are
left alone.

${environmentHelp}`,
  async run(_args, env) {
    const switchboard = openSwitchboard(serverConfigFrom(env), consoleLogger, {
      deliverDueMail: false,
    });
    try {
      await switchboard.migrate();
      const count = await switchboard.integrations.rotateKeys(operatorActor(), {
        onProgress: progressBar(
          (text) => process.stderr.write(text),
          process.stderr.isTTY === true,
        ),
      });
      const endpoints = await switchboard.webhooks.resealSecrets(operatorActor());
      console.info(
        count + endpoints === 0
          ? 'Every secret is already under the newest key.'
          : `Re-sealed ${count} integration(s) and ${endpoints} webhook endpoint(s) under the newest key.`,
      );
      return 0;
    } finally {
      await switchboard.close();
    }
  },
};

export const cliCommands: readonly CliCommand[] = [
  serveCommand,
  migrateCommand,
  accountsCreateCommand,
  keysGenerateCommand,
  keysRotateCommand,
  auditVerifyCommand,
];
