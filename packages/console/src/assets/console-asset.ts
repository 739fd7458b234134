import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** A static file of the console, ready to send, also gzipped (compressed once, when read). */
export interface ConsoleAsset {
  type: string;
  body: string;
  gzipped: Uint8Array<ArrayBuffer>;
}

function asset(type: string, body: string): ConsoleAsset {
  const compressed = gzipSync(body, { level: 9 });
  return {
    type,
    body,
    gzipped: new Uint8Array(
      compressed.buffer as ArrayBuffer,
      compressed.byteOffset,
      compressed.length,
    ),
  };
}

const pageCss = `html { background: #f5f7fa; }
body { margin: 0; }
.page { max-width: 72rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
sb-console:not(:defined), sb-set-password:not(:defined) { display: block; min-height: 60vh; }
`;

const types: Record<string, string> = {
  'switchboard-console.js': 'text/javascript; charset=utf-8',
  'switchboard-console.js.map': 'application/json; charset=utf-8',
};

const cache = new Map<string, Promise<ConsoleAsset>>();

/** Where the browser bundle is built: `dist/browser` of this package. */
export function consoleBundleDirectory(): string {
  const manifest = createRequire(import.meta.url).resolve('@switchboard/console/package.json');
  return join(dirname(manifest), 'dist', 'browser');
}

/**
 * A file under `console/assets/`: the page style sheet, the browser bundle (built by
 * `npm run build`) or its source map; null for any other name. Read once, then kept.
 *
 * @example const asset = await consoleAsset('switchboard-console.js');
 */
export function consoleAsset(file: string): Promise<ConsoleAsset> | null {
  if (file === 'console.css') {
    return Promise.resolve(asset('text/css; charset=utf-8', pageCss));
  }
  const type = types[file];
  if (!type) return null;
  let cached = cache.get(file);
  if (!cached) {
    cached = readFile(join(consoleBundleDirectory(), file), 'utf8').then((body) =>
      asset(type, body),
    );
    cached.catch(() => cache.delete(file));
    cache.set(file, cached);
  }
  return cached;
}
