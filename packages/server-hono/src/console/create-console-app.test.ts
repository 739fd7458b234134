import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { inMemorySwitchboard } from '../../test/support/in-memory-switchboard.js';
import { createSwitchboardApp } from '../create-switchboard-app.js';
import { createConsoleApp } from './create-console-app.js';

describe('createConsoleApp', () => {
  const app = createConsoleApp();

  it.each([
    ['/console', 'sb-console'],
    ['/activate', 'sb-set-password purpose="activate"'],
    ['/reset-password', 'sb-set-password purpose="reset"'],
  ])(
    'serves %s with a strict policy and no referrer (the emailed pages carry a token)',
    async (path, element) => {
      const response = await app.request(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      const html = await response.text();
      expect(html).toContain(`<${element}`);
      expect(html).toContain('src="./console/assets/switchboard-console.js"');
    },
  );

  it('serves the built browser bundle and the page styles', async () => {
    const script = await app.request('/console/assets/switchboard-console.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toContain('sb-console');
    const gzipped = await app.request('/console/assets/switchboard-console.js', {
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    const compressed = new Uint8Array(await gzipped.arrayBuffer());
    expect(compressed.length).toBeLessThan(120_000);
    expect(gunzipSync(compressed).toString()).toBe(
      await (await app.request('/console/assets/switchboard-console.js')).text(),
    );
    const css = await app.request('/console/assets/console.css');
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('answers 404 for any other asset name, including path tricks', async () => {
    for (const file of ['missing.js', '..%2Fpackage.json', 'index.js']) {
      expect((await app.request(`/console/assets/${file}`)).status).toBe(404);
    }
  });

  it('sends the root to the console, under any mount prefix', async () => {
    const root = await app.request('/');
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('./console');
    const host = new Hono().route('/admin', createConsoleApp());
    const mounted = await host.request('/admin');
    expect(mounted.status).toBe(302);
    const location = mounted.headers.get('location') ?? '';
    expect(new URL(location, 'http://host.test/admin').pathname).toBe('/admin/console');
  });
});

describe('the reference server (API with the console beside it)', () => {
  const { sb } = inMemorySwitchboard();
  const app = createSwitchboardApp(sb);
  app.route('/', createConsoleApp());
  afterAll(() => sb.close());

  it('answers its root with a redirect to the console, not a 404', async () => {
    const response = await app.request('http://localhost:3000/');
    expect(response.status).toBe(302);
    const location = response.headers.get('location') ?? '';
    expect(new URL(location, 'http://localhost:3000/').href).toBe('http://localhost:3000/console');
    expect((await app.request('/console')).status).toBe(200);
  });
});
