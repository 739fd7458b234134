import { access, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * The interactive API reference: Scalar's standalone bundle, served from this package (it
 * works offline) and told to call nothing outside the server: no web fonts, no request
 * proxy, no telemetry, no AI agent or MCP offers. (Its container is not `#api-reference`:
 * the bundle would mount a second, unconfigured reference there by itself.)
 */
export const docsPageHtml = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Switchboard API reference</title>
  <link rel="icon" href="data:,">
</head>
<body>
  <div id="reference"></div>
  <script src="./docs/assets/api-reference.js"></script>
  <script src="./docs/assets/init.js"></script>
</body>
</html>`;

const initScript = `Scalar.createApiReference('#reference', {
  url: './openapi.json',
  baseServerURL: new URL('.', location.href).href.replace(/\\/$/, ''),
  withDefaultFonts: false,
  proxyUrl: '',
  telemetry: false,
  agent: { disabled: true },
  mcp: { disabled: true },
  showDeveloperTools: 'never',
  documentDownloadType: 'json',
});`;

const assetTypes = {
  'api-reference.js': 'text/javascript; charset=utf-8',
  'init.js': 'text/javascript; charset=utf-8',
} as const;

/**
 * Where Scalar's bundle is: the copy the build puts in this package's `dist`, or (in the
 * workspace before a build) the one in the `@scalar/api-reference` dev dependency.
 */
async function scalarBundlePath(): Promise<string> {
  const packageDirectory = dirname(require.resolve('@switchboard/server-hono/package.json'));
  const packaged = join(packageDirectory, 'dist', 'api-reference', 'standalone.js');
  try {
    await access(packaged);
    return packaged;
  } catch {
    return join(dirname(require.resolve('@scalar/api-reference')), 'browser', 'standalone.js');
  }
}

const cache = new Map<string, Promise<string>>();

/** An API reference asset by file name, read once; null for any other name. */
export function docsAsset(name: string): { body: Promise<string>; type: string } | null {
  if (!Object.hasOwn(assetTypes, name)) return null;
  const file = name as keyof typeof assetTypes;
  let body = cache.get(file);
  if (!body) {
    body =
      file === 'init.js'
        ? Promise.resolve(initScript)
        : scalarBundlePath().then((path) => readFile(path, 'utf8'));
    body.catch(() => cache.delete(file));
    cache.set(file, body);
  }
  return { body, type: assetTypes[file] };
}
