import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSwitchboard, silentLogger, sqlite } from '@switchboard/core';
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

  it.each(['serve', 'migrate', 'accounts create'])('prints help for %s', async (command) => {
    expect(await runCli([...command.split(' '), '--help'], {})).toBe(0);
    expect(out.join('\n')).toContain(`Usage: switchboard ${command}`);
  });

  it('refuses an unknown command', async () => {
    expect(await runCli(['frobnicate'], {})).toBe(1);
    expect(err.join('\n')).toContain('Unknown command: frobnicate');
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
});
