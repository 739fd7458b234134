import {
  type ConsolePage,
  consoleAsset,
  consolePageHtml,
  consoleSecurityHeaders,
} from '@switchboard/console/assets';
import { Hono } from 'hono';

const pages: Record<string, ConsolePage> = {
  '/console': 'console',
  '/activate': 'activate',
  '/reset-password': 'reset-password',
};

/**
 * Where the root of the app sends a browser: its console, by a relative link that holds
 * under any mount prefix, and behind a proxy that strips one (`/` → `./console`, `/admin`
 * → `./admin/console`).
 */
function consoleLocation(path: string): string {
  if (path.endsWith('/')) return './console';
  return `./${path.slice(path.lastIndexOf('/') + 1)}/console`;
}

/**
 * The admin console as a Hono app: `/console`, and `/activate` and `/reset-password` where
 * emailed links land, plus their assets under `/console/assets/`; its root redirects to
 * `/console`. Mount it at the same prefix as the API (`createSwitchboardApp`), since its
 * pages call the API relative to it.
 *
 * @example
 * app.route('/admin', createSwitchboardApp(sb));
 * app.route('/admin', createConsoleApp());
 */
export function createConsoleApp(): Hono {
  const app = new Hono();
  app.get('/', (c) => c.redirect(consoleLocation(c.req.path), 302));
  for (const [path, page] of Object.entries(pages)) {
    const html = consolePageHtml(page);
    app.get(path, (c) => c.html(html, 200, consoleSecurityHeaders));
  }
  app.get('/console/assets/:file', async (c) => {
    const asset = consoleAsset(c.req.param('file'));
    if (!asset) return c.notFound();
    const { type, body, gzipped } = await asset;
    const headers = {
      ...consoleSecurityHeaders,
      'content-type': type,
      'cache-control': 'public, max-age=300',
      vary: 'accept-encoding',
    };
    if (/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
      return c.body(gzipped, 200, { ...headers, 'content-encoding': 'gzip' });
    }
    return c.body(body, 200, headers);
  });
  return app;
}
