import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openAcmeAccount, person } from '../../test/support/test-account.js';
import { testDatabaseKinds } from '../../test/support/test-databases.js';
import {
  createTestSwitchboard,
  type TestSwitchboard,
} from '../../test/support/test-switchboard.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../test/support/webhook-receiver.js';
import type { Switchboard } from '../create-switchboard.js';
import { newKeyRingEntry } from '../integrations/index.js';
import type { Actor } from '../shared/actor.js';
import type { HostLookup } from './post-webhook.js';

/** A certificate for `receiver.test`, made with openssl (the tests that need it skip without). */
function selfSignedCertificate(): { key: string; cert: string } | null {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=receiver.test',
        '-addext',
        'subjectAltName=DNS:receiver.test',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(testDatabaseKinds)('webhook SSRF protection at delivery on $name', (kind) => {
  let t: TestSwitchboard;
  let admin: Actor;
  let receiver: WebhookReceiver;
  const lookups: string[] = [];
  /** `receiver.test` is this machine (as a DNS record pointing at 127.0.0.1 would say). */
  const lookup: HostLookup = async (hostname) => {
    lookups.push(hostname);
    if (hostname !== 'receiver.test') throw new Error(`getaddrinfo ENOTFOUND ${hostname}`);
    // Asked again, the "DNS" would answer another address: only the first is ever used.
    return [{ address: lookups.length === 1 ? '127.0.0.1' : '127.0.0.2', family: 4 }];
  };

  beforeEach(async () => {
    lookups.length = 0;
    receiver = await startWebhookReceiver();
    t = await createTestSwitchboard(kind, {
      secretKeys: newKeyRingEntry('k1'),
      webhooks: { allowHttp: true, lookup },
    });
    admin = await openAcmeAccount(t);
  });
  afterEach(async () => {
    await t.close();
    await receiver.stop();
  });

  const deliverDue = async (sb: Switchboard = t.sb) => {
    await sb.webhooks.flush();
    await sb.webhooks.idle();
  };

  it('refuses, after resolving it, a name that points at a loopback address', async () => {
    const endpoint = await t.sb.webhooks.create(admin, {
      url: receiver.url('/hooks', 'receiver.test'),
      eventTypes: ['user.*'],
    });
    await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
    await deliverDue();
    expect(receiver.received).toEqual([]);
    const [delivery] = (await t.sb.webhooks.listDeliveries(admin, endpoint.id)).data;
    expect(delivery).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastResponseStatus: null,
      lastError: 'refused: receiver.test resolves to 127.0.0.1, a loopback address',
    });

    // Where the operator allows private addresses, it goes — to the address checked, once
    // resolved, with the name in the Host header.
    lookups.length = 0;
    const relaxed = await t.another({
      webhooks: { allowHttp: true, allowPrivateAddresses: true, lookup },
    });
    await relaxed.webhooks.retryDelivery(admin, endpoint.id, delivery?.id ?? '');
    await deliverDue(relaxed);
    expect(receiver.received.map((r) => r.headers.host)).toEqual([
      `receiver.test:${receiver.port}`,
    ]);
    expect(lookups).toEqual(['receiver.test']);
  });

  it('refuses at delivery a literal private address saved while they were allowed', async () => {
    const relaxed = await t.another({
      webhooks: { allowHttp: true, allowPrivateAddresses: true, lookup },
    });
    const endpoint = await relaxed.webhooks.create(admin, {
      url: receiver.url(),
      eventTypes: ['user.*'],
    });
    await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
    await deliverDue();
    expect(receiver.received).toEqual([]);
    const [delivery] = (await t.sb.webhooks.listDeliveries(admin, endpoint.id)).data;
    expect(delivery?.lastError).toBe('refused: 127.0.0.1 is a loopback address');
  });

  it('refuses plain http at delivery where it is not allowed', async () => {
    const relaxed = await t.another({
      webhooks: { allowHttp: true, allowPrivateAddresses: true, lookup },
    });
    const endpoint = await relaxed.webhooks.create(admin, {
      url: receiver.url(),
      eventTypes: ['user.*'],
    });
    const strict = await t.another({ webhooks: { lookup } });
    await strict.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
    await deliverDue(strict);
    const [delivery] = (await strict.webhooks.listDeliveries(admin, endpoint.id)).data;
    expect(delivery?.lastError).toBe('http: URLs are not allowed; use https://');
    expect(receiver.received).toEqual([]);
  });
});

describe.each(testDatabaseKinds)('webhooks over https on $name', (kind) => {
  const tls = selfSignedCertificate();
  let receiver: WebhookReceiver;
  let t: TestSwitchboard;
  let admin: Actor;
  const lookup: HostLookup = async () => [{ address: '127.0.0.1', family: 4 }];

  beforeAll(async () => {
    if (tls) receiver = await startWebhookReceiver(tls);
  });
  afterAll(async () => {
    await receiver?.stop();
  });
  beforeEach(async ({ skip }) => {
    if (!tls) skip('openssl is not installed');
    t = await createTestSwitchboard(kind, {
      secretKeys: newKeyRingEntry('k1'),
      webhooks: { allowPrivateAddresses: true, lookup, ca: tls?.cert ?? '' },
    });
    admin = await openAcmeAccount(t);
  });
  afterEach(async () => {
    await t?.close();
  });

  it('connects to the resolved address with the name for TLS (SNI and certificate check)', async () => {
    const endpoint = await t.sb.webhooks.create(admin, {
      url: receiver.url('/hooks', 'receiver.test'),
      eventTypes: ['user.*'],
    });
    await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
    await t.sb.webhooks.flush();
    await t.sb.webhooks.idle();
    expect(receiver.received.map((r) => r.event.type)).toEqual(['user.added']);
    // Without trusting the certificate's issuer the attempt fails.
    const untrusting = await t.another({ webhooks: { allowPrivateAddresses: true, lookup } });
    const [delivery] = (await t.sb.webhooks.listDeliveries(admin, endpoint.id)).data;
    await untrusting.webhooks.retryDelivery(admin, endpoint.id, delivery?.id ?? '');
    await untrusting.webhooks.flush();
    await untrusting.webhooks.idle();
    const [retried] = (await t.sb.webhooks.listDeliveries(admin, endpoint.id)).data;
    expect(retried?.lastError).toMatch(/self.signed|certificate/i);
    expect(receiver.received).toHaveLength(1);
  });
});
