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
 * The admin console as a Hono app: `/console`, and `/activate` and `/reset-password` where
 * emailed links land, plus their assets under `/console/assets/`. Mount it at the same
 * prefix as the API (`createSwitchboardApp`), since its pages call the API relative to it.
 *
 * @example
 * app.route('/admin', createSwitchboardApp(sb));
 * app.route('/admin', createConsoleApp());
 */
export function createConsoleApp(): Hono {
  const app = new Hono();
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
