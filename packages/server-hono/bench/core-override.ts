import { registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * `node --import core-override.mjs bench-server.mjs …`: when `SWITCHBOARD_BENCH_CORE` names
 * a file, every import of `@switchboard/core` in the process (the server's and the Hono
 * adapter's) loads that file instead of the installed core. `run-feature-bench.ts` uses it
 * to run the same server on two builds of the core that differ in one function (the audit
 * log's sealing).
 */
const override = process.env.SWITCHBOARD_BENCH_CORE;
if (override) {
  const url = pathToFileURL(override).href;
  registerHooks({
    resolve(specifier, context, next) {
      if (specifier === '@switchboard/core') return { url, format: 'module', shortCircuit: true };
      return next(specifier, context);
    },
  });
}
