import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure } from '../../test/support/failure.js';
import { ManualClock } from '../../test/support/manual-clock.js';
import { openAcmeAccount, person } from '../../test/support/test-account.js';
import { testDatabaseKinds } from '../../test/support/test-databases.js';
import {
  createTestSwitchboard,
  type TestSwitchboard,
} from '../../test/support/test-switchboard.js';
import { isSwitchboardError } from '../errors/switchboard-error.js';
import type { Actor } from '../shared/actor.js';
import { operatorActor } from '../shared/operator-actor.js';
import { hashToken } from '../shared/secret-token.js';

describe.each(testDatabaseKinds)('scimTokens on $name (S1)', (kind) => {
  let t: TestSwitchboard;
  let admin: Actor;
  const clock = new ManualClock();

  beforeEach(async () => {
    t = await createTestSwitchboard(kind, { clock, rateLimits: { perAddress: 3 } });
    admin = await openAcmeAccount(t);
  });
  afterEach(async () => {
    await t.close();
  });

  it('creates a token shown once, stored as its hash, listed without it, and audited', async () => {
    const created = await t.sb.scimTokens.create(admin, { description: ' Okta ' });
    expect(created).toMatchObject({ description: 'Okta', lastUsedAt: null });
    expect(created.token).toMatch(/^swb_scim_[\w-]{43}$/);
    const rows = await t.sb.db.selectFrom('scim_tokens').select('token_hash').execute();
    expect(rows).toEqual([{ token_hash: hashToken(created.token) }]);
    const { data } = await t.sb.scimTokens.list(admin);
    expect(data).toEqual([
      { id: created.id, description: 'Okta', createdAt: created.createdAt, lastUsedAt: null },
    ]);
    expect(JSON.stringify(data)).not.toContain(created.token);
    const events = await t.sb.audit.list(admin, { action: 'scim_token.*' });
    expect(events.data.map((e) => [e.action, e.target])).toEqual([
      ['scim_token.created', { type: 'scim_token', id: created.id }],
    ]);
  });

  it('authenticates its account’s SCIM actor and records the use, at most once a minute', async () => {
    const { id, token } = await t.sb.scimTokens.create(admin);
    expect(await t.sb.scimTokens.authenticate(token)).toEqual({
      type: 'scim',
      accountId: admin.accountId,
      tokenId: id,
    });
    const firstUse = clock.now().toISOString();
    expect((await t.sb.scimTokens.list(admin)).data[0]?.lastUsedAt).toBe(firstUse);
    clock.advance(30_000);
    await t.sb.scimTokens.authenticate(token);
    expect((await t.sb.scimTokens.list(admin)).data[0]?.lastUsedAt).toBe(firstUse);
    clock.advance(31_000);
    await t.sb.scimTokens.authenticate(token);
    expect((await t.sb.scimTokens.list(admin)).data[0]?.lastUsedAt).toBe(clock.now().toISOString());
  });

  it('revokes at once: the token stops working, leaves the list, and cannot be revoked twice', async () => {
    const { id, token } = await t.sb.scimTokens.create(admin);
    await t.sb.scimTokens.revoke(admin, id);
    expect(await t.sb.scimTokens.authenticate(token)).toBeNull();
    expect((await t.sb.scimTokens.list(admin)).data).toEqual([]);
    expect(isSwitchboardError(await failure(t.sb.scimTokens.revoke(admin, id)), 'not_found')).toBe(
      true,
    );
    const events = await t.sb.audit.list(admin, { action: 'scim_token.revoked' });
    expect(events.data).toHaveLength(1);
  });

  it('keeps accounts apart: another account’s admin neither lists nor revokes the token', async () => {
    const { id } = await t.sb.scimTokens.create(admin);
    const other = await t.sb.operator.createAccount(operatorActor(), {
      companyName: 'Globex',
      admin: person('Hank', 'Scorpio', 'hank@globex.test'),
    });
    const hank = await t.sb.identity.actorFor(other.admin.id);
    expect((await t.sb.scimTokens.list(hank)).data).toEqual([]);
    expect(isSwitchboardError(await failure(t.sb.scimTokens.revoke(hank, id)), 'not_found')).toBe(
      true,
    );
  });

  it('is for admins only', async () => {
    const member = await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@acme.test'));
    const grace = { userId: member.id, accountId: admin.accountId, isAdmin: false };
    for (const call of [
      () => t.sb.scimTokens.create(grace),
      () => t.sb.scimTokens.list(grace),
      () => t.sb.scimTokens.revoke(grace, 'sct_whatever000000'),
    ]) {
      expect(isSwitchboardError(await failure(call()), 'forbidden')).toBe(true);
    }
  });

  it('rate-limits wrong tokens per client address like failed sign-ins', async () => {
    const origin = { clientAddress: '203.0.113.7' };
    for (const wrong of ['nope', 'swb_scim_nope', 'swb_scim_still-nope']) {
      expect(await t.sb.scimTokens.authenticate(wrong, origin)).toBeNull();
    }
    const limited = await failure(t.sb.scimTokens.authenticate('swb_scim_again', origin));
    expect(isSwitchboardError(limited, 'rate_limited')).toBe(true);
    expect(await t.sb.scimTokens.authenticate('nope', { clientAddress: '203.0.113.8' })).toBeNull();
  });
});
