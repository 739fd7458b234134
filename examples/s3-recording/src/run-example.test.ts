import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runExample } from './run-example.ts';

test('a call recording streamed through the S3 connector reads back byte for byte', async () => {
  const lines: string[] = [];
  const { stored, readBack, listed } = await runExample((line) => lines.push(line));
  assert.ok(readBack);
  assert.ok(Buffer.from(readBack).equals(stored));
  assert.deepEqual(
    listed.map((r) => r.key),
    ['recordings/call-20261123-0001/full'],
  );
  assert.match(lines[0] ?? '', /status ok/);
});
