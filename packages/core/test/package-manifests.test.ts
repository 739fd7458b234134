import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const packagesDirectory = join(import.meta.dirname, '..', '..');
const packageNames = ['client', 'console', 'contract', 'core', 'server-hono'];

/** The workspace's own condition: TypeScript source for tests and typechecks, never published. */
const sourceCondition = '@switchboard/source';

interface Manifest {
  name: string;
  license: string;
  files: string[];
  exports: Record<string, string | Record<string, string>>;
}

function manifest(name: string): Manifest {
  return JSON.parse(readFileSync(join(packagesDirectory, name, 'package.json'), 'utf8'));
}

/** Every `[condition, target]` of an exports map (a bare string is the `default`). */
function targets(exports: Manifest['exports']): [string, string][] {
  return Object.values(exports).flatMap((entry) =>
    typeof entry === 'string' ? [['default', entry]] : Object.entries(entry),
  );
}

const published = (files: string[], target: string) =>
  files.some((entry) => target.replace(/^\.\//, '').startsWith(`${entry}/`));

describe.each(packageNames)('the published manifest of %s', (name) => {
  const pkg = manifest(name);

  it('points every condition a tool may enable at published files, never at TypeScript source', () => {
    // `development` once pointed at src/*.ts: Vite and webpack enable it by default, and
    // Node refuses to strip types under node_modules (ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING).
    for (const [condition, target] of targets(pkg.exports)) {
      if (condition === sourceCondition) {
        expect(published(pkg.files, target), `${condition}: ${target}`).toBe(false);
      } else if (target !== './package.json') {
        expect(published(pkg.files, target), `${condition}: ${target}`).toBe(true);
        expect(target, `${condition}: ${target}`).not.toMatch(/(?<!\.d)\.ts$/);
      }
    }
  });

  it('ships its README and its MIT LICENSE', () => {
    expect(pkg.license).toBe('MIT');
    expect(pkg.files).toEqual(expect.arrayContaining(['LICENSE', 'README.md']));
    expect(readFileSync(join(packagesDirectory, name, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(existsSync(join(packagesDirectory, name, 'README.md'))).toBe(true);
  });
});
