/** The reference server's settings, from the environment (API.md, "Running the reference server"). */
export interface ServerConfig {
  port: number;
  /** `postgres://…`, a SQLite file path, or `:memory:`. */
  databaseUrl: string;
  operatorToken: string | undefined;
  /** `smtp://user:pass@host:port`; mail goes to the log when unset. */
  smtpUrl: string | undefined;
  /** `id:base64key[,…]`; unset: a development key kept beside a SQLite database. */
  secretKeys: string | undefined;
  /** Local endpoints for every AWS / Dialogflow call. */
  serviceEndpoints: { aws?: string; dialogflow?: string };
  /** A Twilio-style carrier for phone numbers; the local toll-free pool when unset. */
  carrier: { accountSid: string; authToken: string; baseUrl: string | undefined } | undefined;
  mailFrom: string;
  publicUrl: string;
  /** Take client addresses from `X-Forwarded-For` (only behind your own proxy). */
  trustProxy: boolean;
  /** Refuse writes of versioned resources without `If-Match` (428; C1). */
  requireIfMatch: boolean;
  /** Days audit events are kept (pruned at a verifiable checkpoint); undefined: forever. */
  auditRetentionDays: number | undefined;
  /** How long requests in flight may take to finish once SIGTERM or SIGINT arrives. */
  shutdownTimeoutMs: number;
  /**
   * Relaxations of the webhooks' SSRF protection, for development only: plain `http://`
   * URLs, and loopback/private/link-local/reserved addresses (a warning is logged at start-up).
   */
  webhooks: {
    allowHttp: boolean;
    allowPrivateAddresses: boolean;
    /** Days finished deliveries stay listed; undefined: the core's default (30). */
    deliveryRetentionDays: number | undefined;
    /** Deliveries this instance sends at once (0: none, an API-only instance); undefined: 16. */
    concurrency: number | undefined;
    /** Deliveries started a second while requests arrive; undefined: the core's default (10). */
    ratePerSecondWhileServing: number | undefined;
  };
}

/** Reads the configuration; throws with a readable message when a value is malformed. */
export function serverConfigFrom(env: NodeJS.ProcessEnv): ServerConfig {
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got ${JSON.stringify(env.PORT)}`);
  }
  const publicUrl = env.PUBLIC_URL || `http://localhost:${port}`;
  try {
    new URL(publicUrl);
  } catch {
    throw new Error(`PUBLIC_URL must be an absolute URL, got ${JSON.stringify(publicUrl)}`);
  }
  const shutdownSeconds =
    env.SWITCHBOARD_SHUTDOWN_TIMEOUT_SECONDS === undefined ||
    env.SWITCHBOARD_SHUTDOWN_TIMEOUT_SECONDS === ''
      ? 10
      : Number(env.SWITCHBOARD_SHUTDOWN_TIMEOUT_SECONDS);
  if (!Number.isFinite(shutdownSeconds) || shutdownSeconds < 0) {
    throw new Error(
      `SWITCHBOARD_SHUTDOWN_TIMEOUT_SECONDS must be a number of seconds, got ${JSON.stringify(env.SWITCHBOARD_SHUTDOWN_TIMEOUT_SECONDS)}`,
    );
  }
  return {
    port,
    databaseUrl: env.DATABASE_URL || './data/switchboard.db',
    operatorToken: env.SWITCHBOARD_OPERATOR_TOKEN || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    secretKeys: env.SWITCHBOARD_SECRET_KEYS || undefined,
    serviceEndpoints: {
      ...(env.SWITCHBOARD_AWS_ENDPOINT ? { aws: env.SWITCHBOARD_AWS_ENDPOINT } : {}),
      ...(env.SWITCHBOARD_DIALOGFLOW_ENDPOINT
        ? { dialogflow: env.SWITCHBOARD_DIALOGFLOW_ENDPOINT }
        : {}),
    },
    carrier:
      env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN
        ? {
            accountSid: env.TWILIO_ACCOUNT_SID,
            authToken: env.TWILIO_AUTH_TOKEN,
            baseUrl: env.TWILIO_API_URL || undefined,
          }
        : undefined,
    mailFrom: env.MAIL_FROM || 'hello@localhost',
    publicUrl: publicUrl.replace(/\/+$/, ''),
    trustProxy: booleanFlag(env, 'SWITCHBOARD_TRUST_PROXY'),
    requireIfMatch: booleanFlag(env, 'SWITCHBOARD_REQUIRE_IF_MATCH'),
    auditRetentionDays: wholeDays(env, 'SWITCHBOARD_AUDIT_RETENTION_DAYS'),
    webhooks: {
      allowHttp: booleanFlag(env, 'SWITCHBOARD_WEBHOOKS_ALLOW_HTTP'),
      allowPrivateAddresses: booleanFlag(env, 'SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE'),
      deliveryRetentionDays: wholeDays(env, 'SWITCHBOARD_WEBHOOK_DELIVERY_RETENTION_DAYS'),
      concurrency: wholeNumber(env, 'SWITCHBOARD_WEBHOOKS_CONCURRENCY'),
      ratePerSecondWhileServing: wholeNumberAbove0(env, 'SWITCHBOARD_WEBHOOKS_RATE_WHILE_SERVING'),
    },
    shutdownTimeoutMs: Math.round(shutdownSeconds * 1000),
  };
}

/** A whole number of days above 0; unset or empty is undefined. */
function wholeDays(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const days = wholeNumber(env, name);
  if (days === 0) throw new Error(`${name} must be a whole number of days, got "0"`);
  return days;
}

/** A whole number above 0; unset or empty is undefined. */
function wholeNumberAbove0(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const number = wholeNumber(env, name);
  if (number === 0) throw new Error(`${name} must be a whole number above 0, got "0"`);
  return number;
}

/** A whole number, 0 or more; unset or empty is undefined. */
function wholeNumber(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  const number = Number(value);
  if (!(Number.isInteger(number) && number >= 0)) {
    throw new Error(`${name} must be a whole number, got ${JSON.stringify(value)}`);
  }
  return number;
}

/** A true/false variable (also 1/0, any case); unset or empty is false. */
function booleanFlag(env: NodeJS.ProcessEnv, name: string): boolean {
  const value = (env[name] ?? '').toLowerCase();
  if (!['', 'true', 'false', '1', '0'].includes(value)) {
    throw new Error(`${name} must be true or false, got ${JSON.stringify(env[name])}`);
  }
  return value === 'true' || value === '1';
}
