import { describe, expect, it } from 'vitest';
import { serverConfigFrom } from './server-config.js';

describe('serverConfigFrom', () => {
  it('has the documented defaults', () => {
    expect(serverConfigFrom({})).toEqual({
      port: 3000,
      databaseUrl: './data/switchboard.db',
      operatorToken: undefined,
      smtpUrl: undefined,
      secretKeys: undefined,
      serviceEndpoints: {},
      carrier: undefined,
      mailFrom: 'hello@localhost',
      publicUrl: 'http://localhost:3000',
      trustProxy: false,
      requireIfMatch: false,
      auditRetentionDays: undefined,
      shutdownTimeoutMs: 10_000,
      webhooks: {
        allowHttp: false,
        allowPrivateAddresses: false,
        deliveryRetentionDays: undefined,
        concurrency: undefined,
        ratePerSecondWhileServing: undefined,
      },
    });
  });

  it('reads every variable', () => {
    expect(
      serverConfigFrom({
        PORT: '8080',
        DATABASE_URL: 'postgres://db/switchboard',
        SWITCHBOARD_OPERATOR_TOKEN: 'op',
        SMTP_URL: 'smtp://u:p@mail.acme.test:587',
        SWITCHBOARD_SECRET_KEYS: 'k1:abc',
        SWITCHBOARD_AWS_ENDPOINT: 'http://127.0.0.1:4566',
        SWITCHBOARD_DIALOGFLOW_ENDPOINT: '127.0.0.1:9000',
        TWILIO_ACCOUNT_SID: 'AC1',
        TWILIO_AUTH_TOKEN: 'tok',
        MAIL_FROM: 'hello@acme.test',
        PUBLIC_URL: 'https://admin.acme.test/',
        SWITCHBOARD_TRUST_PROXY: 'true',
        SWITCHBOARD_REQUIRE_IF_MATCH: '1',
        SWITCHBOARD_AUDIT_RETENTION_DAYS: '365',
        SWITCHBOARD_SHUTDOWN_TIMEOUT_SECONDS: '2.5',
        SWITCHBOARD_WEBHOOKS_ALLOW_HTTP: 'true',
        SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE: '1',
        SWITCHBOARD_WEBHOOK_DELIVERY_RETENTION_DAYS: '7',
        SWITCHBOARD_WEBHOOKS_CONCURRENCY: '0',
        SWITCHBOARD_WEBHOOKS_RATE_WHILE_SERVING: '200',
      }),
    ).toEqual({
      port: 8080,
      databaseUrl: 'postgres://db/switchboard',
      operatorToken: 'op',
      smtpUrl: 'smtp://u:p@mail.acme.test:587',
      secretKeys: 'k1:abc',
      serviceEndpoints: { aws: 'http://127.0.0.1:4566', dialogflow: '127.0.0.1:9000' },
      carrier: { accountSid: 'AC1', authToken: 'tok', baseUrl: undefined },
      mailFrom: 'hello@acme.test',
      publicUrl: 'https://admin.acme.test',
      trustProxy: true,
      requireIfMatch: true,
      auditRetentionDays: 365,
      shutdownTimeoutMs: 2500,
      webhooks: {
        allowHttp: true,
        allowPrivateAddresses: true,
        deliveryRetentionDays: 7,
        concurrency: 0,
        ratePerSecondWhileServing: 200,
      },
    });
  });

  it('refuses a malformed port, public URL, proxy flag or shutdown timeout', () => {
    expect(() => serverConfigFrom({ SWITCHBOARD_SHUTDOWN_TIMEOUT_SECONDS: 'soon' })).toThrow(
      /SWITCHBOARD_SHUTDOWN_TIMEOUT_SECONDS/,
    );
    expect(() => serverConfigFrom({ SWITCHBOARD_SHUTDOWN_TIMEOUT_SECONDS: '-1' })).toThrow(
      /SWITCHBOARD_SHUTDOWN_TIMEOUT_SECONDS/,
    );
    expect(() => serverConfigFrom({ SWITCHBOARD_TRUST_PROXY: 'yes please' })).toThrow(
      /SWITCHBOARD_TRUST_PROXY/,
    );
    expect(() => serverConfigFrom({ SWITCHBOARD_REQUIRE_IF_MATCH: 'maybe' })).toThrow(
      /SWITCHBOARD_REQUIRE_IF_MATCH/,
    );
    expect(() => serverConfigFrom({ SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE: 'yes' })).toThrow(
      /SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE/,
    );
    expect(() => serverConfigFrom({ SWITCHBOARD_AUDIT_RETENTION_DAYS: '1.5' })).toThrow(
      /SWITCHBOARD_AUDIT_RETENTION_DAYS/,
    );
    expect(() => serverConfigFrom({ SWITCHBOARD_WEBHOOK_DELIVERY_RETENTION_DAYS: '0' })).toThrow(
      /SWITCHBOARD_WEBHOOK_DELIVERY_RETENTION_DAYS/,
    );
    expect(() => serverConfigFrom({ SWITCHBOARD_WEBHOOKS_CONCURRENCY: '-1' })).toThrow(
      /SWITCHBOARD_WEBHOOKS_CONCURRENCY/,
    );
    expect(() => serverConfigFrom({ SWITCHBOARD_WEBHOOKS_RATE_WHILE_SERVING: '0' })).toThrow(
      /SWITCHBOARD_WEBHOOKS_RATE_WHILE_SERVING must be a whole number above 0/,
    );
    expect(() => serverConfigFrom({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => serverConfigFrom({ PUBLIC_URL: 'admin.acme.test' })).toThrow(/PUBLIC_URL/);
  });
});
