import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));

/** Every module URL a fresh Node process resolves while importing `specifier`. */
function modulesLoadedBy(specifier: string): string[] {
  const script = `
    import { registerHooks } from 'node:module';
    const seen = [];
    registerHooks({ resolve(s, c, next) { const r = next(s, c); seen.push(r.url); return r; } });
    await import(${JSON.stringify(specifier)});
    console.log(JSON.stringify(seen));
  `;
  return JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
  ) as string[];
}

describe('importing @switchboard/core (I6)', () => {
  it('loads no AWS, Google or gRPC SDK, nor pg or nodemailer', () => {
    const loaded = modulesLoadedBy(entry);
    expect(loaded.some((url) => url.includes('kysely'))).toBe(true);
    const heavy = loaded.filter((url) =>
      /@aws-sdk|@smithy|@google-cloud|google-gax|@grpc|node_modules\/pg\/|nodemailer/.test(url),
    );
    expect(heavy).toEqual([]);
  });
});
