import { execFile } from 'node:child_process';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { sqliteMinimumNode } from '../src/db/node-sqlite.js';

const run = promisify(execFile);
const coreDirectory = join(import.meta.dirname, '..');
const packagesDirectory = join(coreDirectory, '..');
const [major, minor] = sqliteMinimumNode.split('.');

// What a user on that Node.js does with the core as published (its dist, by its name): a
// PostgreSQL user imports it and opens a Switchboard (which must not load node:sqlite), a
// SQLite user migrates a database and adds an account. Prints what it saw as JSON.
const userScript = `
const core = await import('@switchboard/core');
const quiet = { logger: core.silentLogger, mailer: { send: async () => {} } };
const onPostgres = core.createSwitchboard({ ...quiet, database: core.postgres('postgres://127.0.0.1:1/none') });
await onPostgres.close();
const sqliteLoaded = () => process.moduleLoadList.some((name) => /\\bsqlite\\b/.test(name));
const loadedForPostgres = sqliteLoaded();
const sb = core.createSwitchboard({
  ...quiet,
  database: core.sqlite(':memory:'),
  passwordHashing: { logN: 10, r: 8, p: 1 },
});
await sb.migrate();
const { admin } = await sb.operator.createAccount(core.operatorActor(), {
  companyName: 'Oldest Node Co',
  admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@oldest-node.test' },
});
const users = await sb.users.list(await sb.identity.actorFor(admin.id));
await sb.close();
console.log(JSON.stringify({
  version: process.version,
  loadedForPostgres,
  loadedForSqlite: sqliteLoaded(),
  users: users.data.map((user) => user.email),
}));
`;

describe('the oldest Node.js the packages accept', () => {
  it(`is stated in every package's engines: >=${major}.${minor} (node:sqlite as sqlite() uses it)`, async () => {
    for (const name of ['client', 'console', 'contract', 'core', 'server-hono']) {
      const manifest = JSON.parse(
        await readFile(join(packagesDirectory, name, 'package.json'), 'utf8'),
      ) as { engines?: { node?: string } };
      expect(manifest.engines?.node, name).toBe(`>=${major}.${minor}`);
    }
  });

  it(`runs the built core on Node.js ${sqliteMinimumNode} installed from npm, on PostgreSQL and SQLite`, {
    timeout: 600_000,
  }, async () => {
    await access(join(coreDirectory, 'dist', 'index.js')).catch(() => {
      throw new Error('This test runs the built core: run `npm run build` first');
    });
    const directory = await mkdtemp(join(tmpdir(), 'switchboard-oldest-node-'));
    try {
      // The package the npm package `node@<version>` installs for this platform.
      const binary = `node-${process.platform}-${process.arch}@${sqliteMinimumNode}`;
      const packed = await run('npm', ['pack', binary, '--silent'], { cwd: directory });
      await run('tar', ['-xzf', packed.stdout.trim()], { cwd: directory });
      const node = join(directory, 'package', 'bin', 'node');
      const { stdout } = await run(node, ['--input-type=module', '--eval', userScript], {
        cwd: coreDirectory,
        timeout: 300_000,
      });
      expect(JSON.parse(stdout)).toEqual({
        version: `v${sqliteMinimumNode}`,
        loadedForPostgres: false,
        loadedForSqlite: true,
        users: ['ada@oldest-node.test'],
      });
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
