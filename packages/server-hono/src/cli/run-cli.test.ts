import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSwitchboard, operatorActor, silentLogger, sqlite } from '@switchboard/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from './run-cli.js';

describe('switchboard command', () => {
  let dir: string;
  let out: string[];
  let err: string[];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchboard-cli-'));
    out = [];
    err = [];
    vi.spyOn(console, 'info').mockImplementation((...args) => void out.push(args.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...args) => void err.push(args.join(' ')));
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });

  const env = () => ({
    DATABASE_URL: join(dir, 'nested', 'sb.db'),
    PUBLIC_URL: 'https://admin.example.test',
  });

  it('lists its commands with --help', async () => {
    expect(await runCli(['--help'], {})).toBe(0);
    expect(out.join('\n')).toMatch(/serve[\s\S]*migrate[\s\S]*accounts create/);
  });

  it.each(['serve', 'migrate', 'accounts create', 'keys generate', 'keys rotate'])(
    'prints help for %s',
    async (command) => {
      expect(await runCli([...command.split(' '), '--help'], {})).toBe(0);
      expect(out.join('\n')).toContain(`Usage: switchboard ${command}`);
    },
  );

  it('refuses an unknown command', async () => {
    expect(await runCli(['frobnicate'], {})).toBe(1);
    expect(err.join('\n')).toContain('Unknown command: frobnicate');
  });

  it('leaves the servers’ due mail alone: a chore like migrate delivers nothing', async () => {
    const sb = createSwitchboard({
      database: sqlite(env().DATABASE_URL.replace('nested/', '')),
      logger: silentLogger,
      mailRetryIntervalSeconds: 0,
      mailer: { send: () => Promise.reject(new Error('SMTP is down')) },
    });
    await sb.migrate();
    await sb.operator.createAccount(operatorActor(), {
      companyName: 'Acme',
      admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' },
    });
    await sb.mail.idle();
    // Due again now, as it would be for the next retry of a running server.
    await sb.db
      .updateTable('mail_outbox')
      .set({ next_attempt_at: '2000-01-01T00:00:00.000Z' })
      .execute();
    await sb.close();
    const unsent = async () => {
      const db = createSwitchboard({ database: sqlite(join(dir, 'sb.db')), logger: silentLogger });
      const rows = await db.db.selectFrom('mail_outbox').select('sent_at').execute();
      await db.close();
      return rows.filter((row) => row.sent_at === null).length;
    };
    expect(await unsent()).toBe(1);
    expect(await runCli(['migrate'], { ...env(), DATABASE_URL: join(dir, 'sb.db') })).toBe(0);
    expect(await unsent()).toBe(1);
    expect(out.join('\n')).not.toContain('ada@acme.test');
  });

  it('migrates, then reports it is up to date', async () => {
    expect(await runCli(['migrate'], env())).toBe(0);
    expect(out.join('\n')).toContain('Applied: 0001-initial');
    expect(await runCli(['migrate'], env())).toBe(0);
    expect(out.at(-1)).toBe('Already up to date.');
  });

  it('creates an account and prints the admin activation link', async () => {
    const code = await runCli(
      [
        'accounts',
        'create',
        '--company',
        'Acme',
        '--admin-email',
        'ada@acme.test',
        '--admin-first-name',
        'Ada',
        '--admin-last-name',
        'Lovelace',
        '--demo',
      ],
      env(),
    );
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/https:\/\/admin\.example\.test\/activate\?token=[\w-]+/);
    const sb = createSwitchboard({ database: sqlite(env().DATABASE_URL), logger: silentLogger });
    const accounts = await sb.db.selectFrom('accounts').selectAll().execute();
    await sb.close();
    expect(accounts).toMatchObject([{ company_name: 'Acme', demo: 1 }]);
  });

  it('explains invalid account data field by field', async () => {
    const code = await runCli(
      ['accounts', 'create', '--company', 'Acme', '--admin-email', 'nope'],
      env(),
    );
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/validation_failed[\s\S]*admin\.email/);
  });

  it('rotates integration secrets to the newest key with progress, after which the old key can go', async () => {
    const { createSwitchboard: create, newKeyRingEntry } = await import('@switchboard/core');
    const oldKey = newKeyRingEntry('old');
    const database = env().DATABASE_URL;
    const { mkdirSync } = await import('node:fs');
    const { dirname } = await import('node:path');
    mkdirSync(dirname(database), { recursive: true });
    const sb = create({
      database: sqlite(database),
      logger: silentLogger,
      secretKeys: oldKey,
      mailRetryIntervalSeconds: 0,
    });
    await sb.migrate();
    const created = await sb.operator.createAccount(operatorActor(), {
      companyName: 'Acme',
      admin: { firstName: 'A', lastName: 'B', email: 'a@acme.test' },
    });
    const admin = await sb.identity.actorFor(created.admin.id);
    for (let i = 0; i < 3; i++) {
      await sb.integrations.add(
        admin,
        {
          service: 's3',
          name: `S3 ${i}`,
          key: 'k',
          secret: 'secret-value',
          endpoint: 'http://127.0.0.1:1',
        },
        { verify: false },
      );
    }
    await sb.close();
    const progress: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((text) => progress.push(String(text)) > 0);
    const newKey = newKeyRingEntry('new');
    expect(
      await runCli(['keys', 'rotate'], {
        ...env(),
        SWITCHBOARD_SECRET_KEYS: `${newKey},${oldKey}`,
      }),
    ).toBe(0);
    expect(progress.join('')).toContain('3/3');
    expect(out.join('\n')).toContain('Re-sealed 3 integration(s)');
    const after = create({
      database: sqlite(database),
      logger: silentLogger,
      secretKeys: newKey,
      mailRetryIntervalSeconds: 0,
    });
    const [first] = await after.integrations.list(admin);
    await expect(after.integrations.open(admin, first?.id ?? '')).resolves.toBeDefined();
    await after.close();
  });

  it('generates keys of the ring format', async () => {
    expect(await runCli(['keys', 'generate', '--id', 'k9'], {})).toBe(0);
    expect(out.at(-1)).toMatch(/^k9:[A-Za-z0-9+/]{43}=$/);
  });
});
