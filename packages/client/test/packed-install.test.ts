import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packagesDir = join(import.meta.dirname, '..', '..');
const minutes = (n: number) => n * 60_000;

/** The environment of child npm runs, without the settings of the npm that started vitest. */
const childEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')),
);

async function sh(command: string, args: string[], cwd: string, timeout = minutes(4)) {
  const { stdout } = await run(command, args, {
    cwd,
    env: childEnv,
    timeout,
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

/**
 * Builds a workspace package into a staging folder (its own `dist` stays as it is) and packs
 * it with `npm pack`, as it would be published. Returns the tarball's path.
 */
async function buildAndPack(name: 'contract' | 'client', work: string): Promise<string> {
  const source = join(packagesDir, name);
  const stage = join(work, 'stage', name);
  await mkdir(stage, { recursive: true });
  await sh('npx', ['--no-install', 'tsup', '--out-dir', join(stage, 'dist'), '--no-dts'], source);
  for (const file of ['package.json', 'README.md', 'LICENSE', 'src']) {
    await cp(join(source, file), join(stage, file), { recursive: true }).catch((error) => {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    });
  }
  const packed = JSON.parse(
    await sh('npm', ['pack', '--json', '--pack-destination', work], stage),
  ) as { filename: string }[];
  return join(work, packed[0]?.filename ?? '');
}

interface NpmTree {
  version?: string;
  dependencies?: Record<string, NpmTree>;
}

function installedNames(tree: NpmTree, into = new Set<string>()): Set<string> {
  for (const [name, child] of Object.entries(tree.dependencies ?? {})) {
    into.add(name);
    installedNames(child, into);
  }
  return into;
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('@switchboard/client as a consumer installs it (packed, from the registry)', () => {
  let work: string;
  let consumer: string;
  let installed: Set<string>;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'switchboard-client-install-'));
    const contract = await buildAndPack('contract', work);
    const client = await buildAndPack('client', work);
    consumer = join(work, 'consumer');
    await mkdir(consumer);
    await writeFile(
      join(consumer, 'package.json'),
      JSON.stringify({
        name: 'switchboard-client-consumer',
        private: true,
        type: 'module',
        dependencies: {
          '@switchboard/contract': `file:${contract}`,
          '@switchboard/client': `file:${client}`,
        },
        // The client's own "@switchboard/contract" range is served by the packed tarball.
        overrides: { '@switchboard/contract': '$@switchboard/contract' },
      }),
    );
    await sh('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts'], consumer);
    installed = installedNames(JSON.parse(await sh('npm', ['ls', '--all', '--json'], consumer)));
  }, minutes(8));

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('installs no core and no cloud SDK: only the contract, ky and zod', async () => {
    expect(installed).toContain('@switchboard/client');
    expect(installed).toContain('@switchboard/contract');
    expect(installed).toContain('ky');
    expect(installed).toContain('zod');
    const forbidden = [...installed].filter(
      (name) =>
        name === '@switchboard/core' ||
        name.startsWith('@aws-sdk/') ||
        name.startsWith('@google-cloud/'),
    );
    expect(forbidden).toEqual([]);
    const manifest = JSON.parse(
      await readFile(join(consumer, 'node_modules/@switchboard/client/package.json'), 'utf8'),
    ) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies).sort()).toEqual([
      '@switchboard/contract',
      'ky',
      'zod',
    ]);
  });

  it('sends the packed version in its user-agent', async () => {
    const { version } = JSON.parse(
      await readFile(join(packagesDir, 'client', 'package.json'), 'utf8'),
    ) as { version: string };
    const script = `
      import { createClient } from '@switchboard/client';
      let agent;
      const client = createClient({
        baseUrl: 'http://switchboard.internal',
        fetch: (request) => {
          agent = request.headers.get('user-agent');
          return Response.json({ ok: true });
        },
      });
      await client.health();
      console.log(agent);
    `;
    const out = await sh(process.execPath, ['--input-type=module', '-e', script], consumer);
    expect(out.trim()).toBe(`switchboard-client/${version}`);
  });

  it('has no source file that imports @switchboard/core', async () => {
    const importers: string[] = [];
    for (const file of await sourceFiles(join(packagesDir, 'client', 'src'))) {
      if (/from\s+['"]@switchboard\/core/.test(await readFile(file, 'utf8'))) importers.push(file);
    }
    expect(importers).toEqual([]);
  });
});
