import { defineConfig } from 'tsup';
import { zodEnglishOnly } from './build/zod-english-only.js';

export default defineConfig([
  {
    // The library: elements for apps that bundle their own (lit and the client stay imports).
    entry: ['src/index.ts', 'src/assets/index.ts'],
    format: ['esm'],
    dts: true,
    sourcemap: true,
    target: 'es2022',
    removeNodeProtocol: false,
  },
  {
    // The browser bundle the console pages load: everything in one minified module.
    entry: { 'switchboard-console': 'src/standalone.ts' },
    outDir: 'dist/browser',
    format: ['esm'],
    platform: 'browser',
    target: 'es2022',
    noExternal: [/.*/],
    minify: true,
    esbuildPlugins: [zodEnglishOnly],
    sourcemap: true,
    outExtension: () => ({ js: '.js' }),
  },
]);
