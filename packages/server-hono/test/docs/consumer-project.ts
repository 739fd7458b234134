import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const repositoryRoot = join(import.meta.dirname, '..', '..', '..', '..');

/** The published packages, in dependency order. */
export const workspacePackages = ['contract', 'core', 'client', 'console', 'server-hono'] as const;

/** The environment of child npm runs, without the settings of the npm that started vitest. */
export const childEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')),
);

async function sh(command: string, args: string[], cwd: string, timeout = 300_000) {
  try {
    const { stdout } = await run(command, args, {
      cwd,
      env: childEnv,
      timeout,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stderr}\n${stdout}`, {
      cause: error,
    });
  }
}

/**
 * Builds the five packages with turbo (a cache hit when nothing changed). Under `npm test`
 * turbo has built them already (this test depends on the server's build, and that on its
 * dependencies' builds), and a second turbo would only restore the same files under the
 * feet of the other packages' tests, so the build is left out there.
 */
export async function buildPackages(): Promise<void> {
  if (process.env.TURBO_INVOCATION_DIR) return;
  await sh(
    'npx',
    [
      '--no-install',
      'turbo',
      'run',
      'build',
      '--filter=@switchboard/server-hono...',
      '--output-logs=errors-only',
    ],
    repositoryRoot,
    600_000,
  );
}

interface PackResult {
  name: string;
  filename: string;
  files: { path: string }[];
}

/**
 * Packs each package as `npm publish` would into `destination` and returns the tarballs by
 * package name. Fails when a tarball lacks its entry points (a `dist` being rebuilt).
 */
export async function packPackages(destination: string): Promise<Map<string, string>> {
  const tarballs = new Map<string, string>();
  for (const name of workspacePackages) {
    const [packed] = JSON.parse(
      await sh(
        'npm',
        ['pack', '--json', '--pack-destination', destination],
        join(repositoryRoot, 'packages', name),
      ),
    ) as PackResult[];
    if (!packed) throw new Error(`npm pack of ${name} gave nothing`);
    const files = new Set(packed.files.map((file) => file.path));
    for (const entry of ['dist/index.js', 'dist/index.d.ts'])
      if (!files.has(entry))
        throw new Error(
          `The packed ${packed.name} has no ${entry}: is its dist being rebuilt? Run \`npm run build\`.`,
        );
    tarballs.set(packed.name, join(destination, packed.filename));
  }
  return tarballs;
}

/** The consumer's TypeScript settings: strict, NodeNext, and only what Node can strip. */
export const consumerTsconfig = {
  compilerOptions: {
    target: 'ES2023',
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    moduleDetection: 'force',
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    verbatimModuleSyntax: true,
    erasableSyntaxOnly: true,
    allowImportingTsExtensions: true,
    types: ['node'],
  },
  include: ['blocks/**/*.ts'],
};

/**
 * A fresh project in `directory` that installs the packed packages (and, through
 * `overrides`, uses them for each other's dependencies too) and the registry packages the
 * docs tell readers to install, plus `@types/node` for the type-check.
 */
export async function createConsumerProject(
  directory: string,
  tarballs: Map<string, string>,
  registryPackages: string[],
): Promise<void> {
  await mkdir(directory, { recursive: true });
  const dependencies: Record<string, string> = { '@types/node': '^24' };
  for (const name of registryPackages) dependencies[name] = 'latest';
  const overrides: Record<string, string> = {};
  for (const [name, tarball] of tarballs) {
    dependencies[name] = `file:${tarball}`;
    overrides[name] = `$${name}`;
  }
  await writeFile(
    join(directory, 'package.json'),
    `${JSON.stringify({ name: 'docs-consumer', private: true, type: 'module', dependencies, overrides }, null, 2)}\n`,
  );
  await writeFile(
    join(directory, 'tsconfig.json'),
    `${JSON.stringify(consumerTsconfig, null, 2)}\n`,
  );
  // With its requests logged, so that a failure shows what the registry answered.
  await sh(
    'npm',
    ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=http'],
    directory,
  );
}
