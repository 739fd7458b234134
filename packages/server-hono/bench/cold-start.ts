import { mkdtempSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Prints JSON: milliseconds for import + createSwitchboard + migrate on an empty SQLite file.
 * `cold-start.ts [module]` imports `module`: by default `@switchboard/core` as installed
 * (kysely, zod and the core as separate ES modules from node_modules); the harness also
 * passes the core bundled into one file, as a deployed service usually ships.
 * `cold-start.ts modules` lists the modules that importing the installed core loads, from a
 * process of its own: the resolve hook that sees them costs ~10 ms, which a timed process
 * must not pay.
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
  const { createSwitchboard, silentLogger, sqlite } = (await import(
    process.argv[2] ?? '@switchboard/core'
  )) as typeof import('@switchboard/core');
  const imported = performance.now();
  const sb = createSwitchboard({
    database: sqlite(join(mkdtempSync(join(tmpdir(), 'cold-')), 'sb.db')),
    logger: silentLogger,
  });
  await sb.migrate();
  const migrated = performance.now();
  await sb.close();
  console.log(
    JSON.stringify({
      importMs: imported - started,
      createAndMigrateMs: migrated - imported,
      totalMs: migrated - started,
    }),
  );
}
