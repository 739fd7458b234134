import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig } from 'tsup';

/**
 * Ships Scalar's standalone API reference bundle inside this package's `dist`, so `/docs`
 * works offline and installing the package pulls in neither Scalar nor its dependencies.
 */
async function copyApiReference(): Promise<void> {
  const require = createRequire(import.meta.url);
  const scalar = dirname(dirname(require.resolve('@scalar/api-reference')));
  const { version, license } = JSON.parse(await readFile(join(scalar, 'package.json'), 'utf8')) as {
    version: string;
    license: string;
  };
  await mkdir('dist/api-reference', { recursive: true });
  await copyFile(
    join(scalar, 'dist', 'browser', 'standalone.js'),
    'dist/api-reference/standalone.js',
  );
  await writeFile(
    'dist/api-reference/NOTICE',
    `standalone.js is the standalone bundle of @scalar/api-reference ${version} (${license} license),\nhttps://github.com/scalar/scalar, served by /docs.\n`,
  );
}

export default defineConfig({
  entry: ['src/index.ts', 'src/bin/switchboard.ts'],
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  sourcemap: true,
  target: 'node22',
  splitting: true,
  removeNodeProtocol: false,
  onSuccess: copyApiReference,
});
