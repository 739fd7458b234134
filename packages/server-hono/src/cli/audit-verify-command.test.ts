import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createSwitchboard,
  newKeyRingEntry,
  operatorActor,
  type Switchboard,
  silentLogger,
  sqlite,
} from '@switchboard/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from './run-cli.js';

const keys = newKeyRingEntry('k1');

describe('switchboard audit verify', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  let progress: string[];
  let accounts: string[];

  const env = () => ({ DATABASE_URL: join(dir, 'sb.db'), SWITCHBOARD_SECRET_KEYS: keys });
  const open = (): Switchboard =>
    createSwitchboard({
      database: sqlite(env().DATABASE_URL),
      logger: silentLogger,
      secretKeys: keys,
      mailRetryIntervalSeconds: 0,
    });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchboard-audit-'));
    out = [];
    err = [];
    progress = [];
    vi.spyOn(console, 'info').mockImplementation((...args) => void out.push(args.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...args) => void err.push(args.join(' ')));
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(process.stderr, 'write').mockImplementation((text) => {
      progress.push(String(text));
      return true;
    });
    const sb = open();
    await sb.migrate();
    accounts = [];
    for (const company of ['Acme', 'Globex']) {
      const created = await sb.operator.createAccount(operatorActor(), {
        companyName: company,
        admin: { firstName: 'Ada', lastName: company, email: `ada@${company}.test` },
      });
      accounts.push(created.account.id);
    }
    await sb.close();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });

  it('verifies every account with a progress bar', async () => {
    expect(await runCli(['audit', 'verify'], env())).toBe(0);
    expect(out.join('\n')).toBe('Verified 4 events in 2 accounts: every chain holds.');
    expect(progress.join('')).toContain('] 4/4');
  });

  it('names the first broken event of an edited account and exits with 1', async () => {
    const sb = open();
    const [, second] = await sb.db
      .selectFrom('audit_events')
      .select('id')
      .where('account_id', '=', accounts[0] ?? '')
      .orderBy('seq')
      .execute();
    await sb.db
      .updateTable('audit_events')
      .set({ changed_fields: '[]' })
      .where('id', '=', second?.id ?? '')
      .execute();
    await sb.close();
    expect(await runCli(['audit', 'verify'], env())).toBe(1);
    expect(err).toEqual([
      `${accounts[0]}: BROKEN, first broken event ${second?.id}`,
      '1 of 2 accounts broken (4 events checked).',
    ]);
    // The other account alone still verifies.
    expect(await runCli(['audit', 'verify', '--account', accounts[1] ?? ''], env())).toBe(0);
    expect(out.at(-1)).toBe('Verified 2 events in 1 account: every chain holds.');
  });

  it('prints its usage', async () => {
    expect(await runCli(['audit', 'verify', '--help'], {})).toBe(0);
    expect(out.join('\n')).toContain('Usage: switchboard audit verify [--account ACCOUNT_ID]');
  });
});
