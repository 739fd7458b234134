import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
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
});
