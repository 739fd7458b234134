import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The interactive API reference (Swagger UI, served from the package: works offline). */
export const docsPageHtml = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Switchboard API reference</title>
  <link rel="stylesheet" href="./docs/assets/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="./docs/assets/swagger-ui-bundle.js"></script>
  <script src="./docs/assets/init.js"></script>
</body>
</html>`;

const initScript = `window.ui = SwaggerUIBundle({ url: './openapi.json', dom_id: '#swagger-ui', deepLinking: true });`;

const assetTypes = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'init.js': 'text/javascript; charset=utf-8',
} as const;

const cache = new Map<string, Promise<string>>();

/** A Swagger UI asset by file name, read once from swagger-ui-dist; null for anything else. */
export function docsAsset(name: string): { body: Promise<string>; type: string } | null {
  if (!Object.hasOwn(assetTypes, name)) return null;
  const file = name as keyof typeof assetTypes;
  let body = cache.get(file);
  if (!body) {
    body =
      file === 'init.js'
        ? Promise.resolve(initScript)
        : readFile(require.resolve(`swagger-ui-dist/${file}`), 'utf8');
    cache.set(file, body);
  }
  return { body, type: assetTypes[file] };
}
