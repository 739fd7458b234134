import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure } from '../../test/support/failure.js';
import { testDatabaseKinds } from '../../test/support/test-databases.js';
import {
  createTestSwitchboard,
  type TestSwitchboard,
} from '../../test/support/test-switchboard.js';
import { isSwitchboardError } from '../errors/switchboard-error.js';
import type { Actor } from '../shared/actor.js';
import type { Logger } from '../shared/logger.js';
import { operatorActor } from '../shared/operator-actor.js';
import { newKeyRingEntry } from './key-ring.js';

const s3Body = {
  service: 's3' as const,
  name: 'Recordings',
  key: 'AKIAIOSFODNN7EXAMPLE',
  secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  endpoint: 'http://127.0.0.1:9',
};

describe.each(testDatabaseKinds)('integrations without a key ring on $name (I4)', (kind) => {
  let t: TestSwitchboard;
  let admin: Actor;
  const warnings: string[] = [];
  const logger: Logger = {
    info() {},
    warn: (message) => void warnings.push(message),
    error() {},
  };

  beforeEach(async () => {
    warnings.length = 0;
    t = await createTestSwitchboard(kind, { logger });
    const created = await t.sb.operator.createAccount(operatorActor(), {
      companyName: 'Acme',
      admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' },
    });
    admin = await t.sb.identity.actorFor(created.admin.id);
  });
  afterEach(async () => {
    await t.close();
  });

  it('warns at start-up, naming the setting', () => {
    expect(warnings.filter((w) => /key ring/.test(w))).toEqual([
      expect.stringMatching(/secretKeys.*SWITCHBOARD_SECRET_KEYS/),
    ]);
  });

  it('answers unavailable naming the setting when adding, checked or not; nothing is stored', async () => {
    for (const verify of [true, false]) {
      const error = await failure(t.sb.integrations.add(admin, s3Body, { verify }));
      expect(isSwitchboardError(error, 'unavailable')).toBe(true);
      expect((error as Error).message).toMatch(/secretKeys.*SWITCHBOARD_SECRET_KEYS/);
    }
    expect(await t.sb.integrations.list(admin)).toEqual([]);
  });

  it('answers unavailable when opening or testing an integration sealed by an instance with keys', async () => {
    const keyed = await t.another({ secretKeys: newKeyRingEntry('k1') });
    const added = await keyed.integrations.add(admin, s3Body, { verify: false });
    for (const call of [
      () => t.sb.integrations.open(admin, added.id),
      () => t.sb.integrations.test(admin, added.id),
    ]) {
      const error = await failure(call());
      expect(isSwitchboardError(error, 'unavailable')).toBe(true);
      expect((error as Error).message).toMatch(/secretKeys/);
    }
    // Reading needs no key: the details are not sealed.
    expect((await t.sb.integrations.get(admin, added.id)).details).toEqual({
      keyHint: 'AKIA…MPLE',
      endpoint: 'http://127.0.0.1:9',
    });
  });

  it('does not warn when a key ring is given', async () => {
    warnings.length = 0;
    await t.another({ secretKeys: newKeyRingEntry('k1') });
    expect(warnings).toEqual([]);
  });
});
