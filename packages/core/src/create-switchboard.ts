import { type Dialect, Kysely } from 'kysely';
import { AccountService } from './account/index.js';
import { AuditKeys, AuditService, useAuditKeys } from './audit/index.js';
import type { Database } from './db/database.js';
import { dialectName } from './db/dialect-name.js';
import { enableDirectQueries } from './db/direct-query.js';
import { migrateToLatest } from './db/migrate.js';
import { IdempotencyService } from './idempotency/index.js';
import {
  asvsScrypt,
  defaultRateLimits,
  type IdentityDeps,
  IdentityService,
  MeService,
  PasswordHasher,
  RateLimiter,
  type RateLimitOptions,
  type ScryptParameters,
} from './identity/index.js';
import {
  IntegrationRegistry,
  type IntegrationServicesOption,
  IntegrationsService,
  type KeyRing,
  keyRingFromString,
  type ServiceEndpoints,
} from './integrations/index.js';
import { logMailer, type Mailer, MailOutbox } from './mail/index.js';
import { OperatorService } from './operator/index.js';
import {
  localTollFreePool,
  type NumberProvisioner,
  PhoneNumbersService,
} from './phone-numbers/index.js';
import { ScimService, ScimTokensService } from './scim/index.js';
import { type Clock, systemClock } from './shared/clock.js';
import { consoleLogger, type Logger } from './shared/logger.js';
import type { ServiceContext } from './shared/service-context.js';
import { ServingActivity } from './shared/serving-activity.js';
import { WritePipeline } from './shared/write-pipeline.js';
import { UsersService } from './users/index.js';
import {
  enqueueWebhookEvents,
  systemLookup,
  type WebhookOptions,
  WebhooksService,
  WebhookWorker,
} from './webhooks/index.js';

export interface SwitchboardOptions {
  /** Where data lives: `sqlite(path)`, `postgres(url | pool)`, or a Kysely dialect of those two. */
  database: Dialect;
  /**
   * Keys that seal integration secrets: a KeyRing, or `id:base64key[,…]` (first seals, all
   * open). Without one, adding or opening an integration answers `unavailable`, and a
   * warning is logged at start-up.
   */
  secretKeys?: KeyRing | string;
  /**
   * Services integrations may connect besides Dialogflow, DynamoDB and S3 (a list), or the
   * whole list (a function of the built-in ones). See docs/integrations.md.
   */
  integrationServices?: IntegrationServicesOption;
  /** Route service calls to local endpoints (tests, air-gapped sites). */
  serviceEndpoints?: ServiceEndpoints;
  /** Milliseconds an integration check may take. Default 10000. */
  integrationTimeoutMs?: number;
  /** Acquires and releases phone numbers. Default: a local pool of toll-free numbers. */
  numberProvisioner?: NumberProvisioner;
  /** Sends email. Default: a mailer that writes mail to the log. */
  mailer?: Mailer;
  /** Sender of every automated email. Default `hello@localhost`. */
  mailFrom?: string;
  /** Base of links in emails. Default `http://localhost:3000`. */
  publicUrl?: string;
  clock?: Clock;
  logger?: Logger;
  /**
   * Seconds between background rounds — retries of undelivered mail and webhooks,
   * reconciling number purchases a crash interrupted; 0 turns the timer off. Default 30.
   */
  mailRetryIntervalSeconds?: number;
  /** scrypt cost for new password hashes. Default ASVS 5: `{ logN: 17, r: 8, p: 1 }`. */
  passwordHashing?: ScryptParameters;
  /** Failed sign-in limits (D3). Default 10 per email and address, 100 per address, per 15 min. */
  rateLimits?: Partial<RateLimitOptions>;
  /** Minutes a session lives without use (sliding). Default 720 (12 hours). */
  sessionIdleMinutes?: number;
  /**
   * Days audit events are kept; older ones are pruned by the background timer (hourly),
   * the log still verifying afterwards (see docs/audit-log.md). Default: kept forever.
   */
  auditRetentionDays?: number;
  /**
   * Webhook delivery (E4): timeouts, concurrency, and — for development only — plain http
   * and private addresses (`allowHttp`, `allowPrivateAddresses`). See docs/webhooks.md.
   */
  webhooks?: WebhookOptions;
}

/** A running Switchboard: its services, plus `migrate()` and `close()`. */
export interface Switchboard {
  account: AccountService;
  operator: OperatorService;
  identity: IdentityService;
  /** The users of an account, managed by its admins or its identity provider (U1–U7, U9). */
  users: UsersService;
  /** The account's SCIM tokens, for identity providers (S1). */
  scimTokens: ScimTokensService;
  /** SCIM 2.0 provisioning of an account's users, through `users` (S1). */
  scim: ScimService;
  /** The account's phone numbers (P1–P5). */
  phoneNumbers: PhoneNumbersService;
  /** Integrations with Dialogflow, DynamoDB, S3 and any registered service (I1–I6). */
  integrations: IntegrationsService;
  /** What every user may do to their own user: names, password, two-factor (U8). */
  me: MeService;
  audit: AuditService;
  /** The account's webhook endpoints and their deliveries (E4); `flush()` sends what is due now. */
  webhooks: WebhooksService;
  /** Idempotency keys (C2): what a server calls to run a request sent with one. */
  idempotency: IdempotencyService;
  /**
   * Whether the host is serving requests: a server calls `serving.noteRequest()` as each
   * request starts (the Hono adapter does), and webhook deliveries give way while they arrive.
   */
  serving: Pick<ServingActivity, 'noteRequest'>;
  /** The email outbox: `flush()` delivers what is due now, `idle()` waits for background sends. */
  mail: Pick<MailOutbox, 'flush' | 'idle'>;
  /** Brings the schema up to date; safe to call from several processes at once. */
  migrate(): Promise<string[]>;
  /** Waits for mail in flight, then closes the mailer (when it can be closed) and the database. */
  close(): Promise<void>;
  /** The Kysely instance, for tests and tooling. */
  readonly db: Kysely<Database>;
}

/**
 * Creates Switchboard over a database. Nothing touches the database until the first call;
 * run `migrate()` once at start-up (or `switchboard migrate` in a deploy step).
 *
 * @example
 * const sb = createSwitchboard({ database: sqlite('./data/switchboard.db') });
 * await sb.migrate();
 * const account = await sb.account.get(await sb.identity.actorFor(userId));
 */
export function createSwitchboard(options: SwitchboardOptions): Switchboard {
  const db = new Kysely<Database>({ dialect: options.database });
  enableDirectQueries(db, options.database);
  const dialect = dialectName(db);
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? consoleLogger;
  const mailer = options.mailer ?? logMailer(logger);
  const keyRing =
    typeof options.secretKeys === 'string'
      ? keyRingFromString(options.secretKeys)
      : options.secretKeys;
  const outbox = new MailOutbox({
    db,
    dialect,
    clock,
    logger,
    mailer,
    from: options.mailFrom ?? 'hello@localhost',
    keyRing,
  });
  const webhookOptions = options.webhooks ?? {};
  const webhookPolicy = {
    allowHttp: webhookOptions.allowHttp ?? false,
    allowPrivateAddresses: webhookOptions.allowPrivateAddresses ?? false,
  };
  if (webhookPolicy.allowHttp || webhookPolicy.allowPrivateAddresses)
    logger.warn(
      `Webhooks may go to ${[
        ...(webhookPolicy.allowHttp ? ['plain http:// URLs'] : []),
        ...(webhookPolicy.allowPrivateAddresses ? ['loopback and private addresses'] : []),
      ].join(' and ')}: for development only, never where untrusted admins add endpoints`,
    );
  const serving = new ServingActivity();
  const webhookWorker: WebhookWorker = new WebhookWorker({
    db,
    dialect,
    clock,
    logger,
    keyRing,
    write: (actor, work, writeOptions) => pipeline.run(actor, work, writeOptions),
    policy: webhookPolicy,
    lookup: webhookOptions.lookup ?? systemLookup,
    timeoutMs: webhookOptions.timeoutMs ?? 15_000,
    concurrency: webhookOptions.concurrency ?? 16,
    perEndpointConcurrency: webhookOptions.perEndpointConcurrency ?? 4,
    serving,
    ratePerSecondWhileServing: webhookOptions.ratePerSecondWhileServing ?? 10,
    ca: webhookOptions.ca,
  });
  const pipeline = new WritePipeline({
    db,
    dialect,
    clock,
    outbox,
    events: { enqueue: enqueueWebhookEvents, kick: () => webhookWorker.kick() },
  });
  const ctx: ServiceContext = {
    db,
    dialect,
    clock,
    logger,
    write: pipeline.run,
    publicUrl: (options.publicUrl ?? 'http://localhost:3000').replace(/\/+$/, ''),
  };

  const deps: IdentityDeps = {
    passwords: new PasswordHasher(options.passwordHashing ?? asvsScrypt),
    rateLimiter: new RateLimiter(ctx, { ...defaultRateLimits, ...options.rateLimits }),
    sessionIdleMs: (options.sessionIdleMinutes ?? 720) * 60_000,
  };

  const phoneNumbers = new PhoneNumbersService(
    ctx,
    options.numberProvisioner ?? localTollFreePool({ db, clock }),
  );
  const idempotency = new IdempotencyService({ db, clock, keyRing });
  const auditKeys = new AuditKeys(keyRing);
  useAuditKeys(db, auditKeys);
  const audit = new AuditService(ctx, {
    keys: auditKeys,
    retentionDays: options.auditRetentionDays,
  });
  const webhooks = new WebhooksService(ctx, {
    keyRing,
    worker: webhookWorker,
    policy: webhookPolicy,
    maxEndpointsPerAccount: webhookOptions.maxEndpointsPerAccount ?? 20,
    deliveryRetentionDays: webhookOptions.deliveryRetentionDays ?? 30,
  });
  /** When audit events and webhook deliveries were last pruned (hourly at most). */
  let prunedAt = Number.NEGATIVE_INFINITY;
  /**
   * What runs in the background: mail retries, webhook deliveries, purchases a crash
   * interrupted (P3), expired idempotency keys (C2), and hourly the audit events and webhook
   * deliveries past their retention.
   */
  let reconciling: Promise<unknown> = Promise.resolve();
  const housekeeping = () => {
    outbox.kick();
    webhookWorker.kick();
    reconciling = reconciling.then(async () => {
      await phoneNumbers.reconcilePlaceholders().catch((error: unknown) => {
        logger.error('housekeeping: reconciling phone-number purchases failed', {
          error: String(error),
        });
      });
      await idempotency.purgeExpired().catch((error: unknown) => {
        logger.error('housekeeping: purging expired idempotency keys failed', {
          error: String(error),
        });
      });
      if (clock.now().getTime() - prunedAt >= 3_600_000) {
        prunedAt = clock.now().getTime();
        await audit.pruneExpired({ type: 'system' }).catch((error: unknown) => {
          logger.error('housekeeping: pruning audit events failed', { error: String(error) });
        });
        await webhooks.pruneDeliveries({ type: 'system' }).catch((error: unknown) => {
          logger.error('housekeeping: pruning webhook deliveries failed', {
            error: String(error),
          });
        });
      }
    });
  };
  const users = new UsersService(ctx, deps);
  const retrySeconds = options.mailRetryIntervalSeconds ?? 30;
  let retryTimer: NodeJS.Timeout | undefined;
  let closed = false;

  return {
    account: new AccountService(ctx),
    operator: new OperatorService(ctx),
    users,
    scimTokens: new ScimTokensService(ctx, deps),
    scim: new ScimService(ctx, { users }),
    integrations: new IntegrationsService(ctx, {
      keyRing,
      services: IntegrationRegistry.from(options.integrationServices),
      endpoints: options.serviceEndpoints ?? {},
      timeoutMs: options.integrationTimeoutMs ?? 10_000,
    }),
    phoneNumbers,
    identity: new IdentityService(ctx, deps),
    me: new MeService(ctx, deps),
    audit,
    webhooks,
    idempotency,
    mail: { flush: () => outbox.flush(), idle: () => outbox.idle() },
    serving,
    db,
    async migrate() {
      const applied = await migrateToLatest(db);
      await audit.prepare();
      if (retrySeconds > 0 && !retryTimer && !closed) {
        retryTimer = setInterval(housekeeping, retrySeconds * 1000);
        retryTimer.unref();
        housekeeping();
      }
      return applied;
    },
    async close() {
      closed = true;
      if (retryTimer) clearInterval(retryTimer);
      webhookWorker.stop();
      await Promise.all([outbox.idle(), reconciling, webhookWorker.idle()]);
      if ('close' in mailer && typeof mailer.close === 'function') await mailer.close();
      await db.destroy();
    },
  };
}
