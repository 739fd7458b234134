import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Prints JSON: milliseconds for import + createSwitchboard + migrate on an empty SQLite file,
 * and the modules that importing the core loads. The modules are listed by a second process
 * (`cold-start.ts modules`): the resolve hook that sees them costs ~10 ms of its own, which
 * the timed process must not pay.
 */
if (process.argv[2] === 'modules') {
  const loaded: string[] = [];
  registerHooks({
    resolve(specifier, context, next) {
      const result = next(specifier, context);
      loaded.push(result.url);
      return result;
    },
  });
  await import('@switchboard/core');
  console.log(JSON.stringify(loaded));
} else {
  const started = performance.now();
  const { createSwitchboard, silentLogger, sqlite } = await import('@switchboard/core');
  const imported = performance.now();
  const sb = createSwitchboard({
    database: sqlite(join(mkdtempSync(join(tmpdir(), 'cold-')), 'sb.db')),
    logger: silentLogger,
  });
  await sb.migrate();
  const migrated = performance.now();
  await sb.close();
  const loaded = JSON.parse(
    execFileSync(process.execPath, [new URL(import.meta.url).pathname, 'modules'], {
      encoding: 'utf8',
    }),
  ) as string[];
  const packages = [
    ...new Set(
      loaded.map((url) => url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1]).filter(Boolean),
    ),
  ];
  console.log(
    JSON.stringify({
      importMs: imported - started,
      createAndMigrateMs: migrated - imported,
      totalMs: migrated - started,
      modules: loaded.length,
      packages,
    }),
  );
}
