import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  createSwitchboard,
  type Logger,
  postgres,
  type Switchboard,
  smtpMailer,
  sqlite,
  twilioProvisioner,
} from '@switchboard/core';
import { developmentSecretKeys } from './development-secret-keys.js';
import type { ServerConfig } from './server-config.js';

/** What the process is for: a server delivers due mail in the background; a chore does not. */
export interface OpenOptions {
  /** Retry undelivered mail on a timer (the server). Default true; CLI chores pass false. */
  deliverDueMail?: boolean;
}

/** Switchboard over the configured database: PostgreSQL for `postgres://` URLs, else SQLite. */
export function openSwitchboard(
  config: ServerConfig,
  logger: Logger,
  options: OpenOptions = {},
): Switchboard {
  const { databaseUrl } = config;
  const isPostgres = /^postgres(ql)?:\/\//.test(databaseUrl);
  if (!isPostgres && databaseUrl !== ':memory:')
    mkdirSync(dirname(databaseUrl), { recursive: true });
  const secretKeys = config.secretKeys ?? developmentSecretKeys(databaseUrl, logger);
  return createSwitchboard({
    ...(secretKeys ? { secretKeys } : {}),
    serviceEndpoints: config.serviceEndpoints,
    database: isPostgres ? postgres(databaseUrl) : sqlite(databaseUrl),
    ...(config.smtpUrl ? { mailer: smtpMailer(config.smtpUrl) } : {}),
    ...(config.carrier
      ? {
          numberProvisioner: twilioProvisioner({
            accountSid: config.carrier.accountSid,
            authToken: config.carrier.authToken,
            ...(config.carrier.baseUrl ? { baseUrl: config.carrier.baseUrl } : {}),
          }),
        }
      : {}),
    // A chore (migrate, keys rotate, accounts create) must not send other processes' due
    // mail; its own mail still goes out right after its commit.
    ...(options.deliverDueMail === false ? { mailRetryIntervalSeconds: 0 } : {}),
    ...(config.auditRetentionDays ? { auditRetentionDays: config.auditRetentionDays } : {}),
    mailFrom: config.mailFrom,
    publicUrl: config.publicUrl,
    // Plain http and private addresses for webhooks: development only (the core warns).
    webhooks: config.webhooks,
    logger,
  });
}
