import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runExample } from './run-example.ts';

test('the client script activates, signs in, adds and lists users, and reads API errors', async () => {
  const lines: string[] = [];
  // Cheap hashing keeps the test quick on a loaded machine; the example keeps the default.
  const result = await runExample((line) => lines.push(line), {
    passwordHashing: { logN: 10, r: 8, p: 1 },
  });

  assert.equal(result.activated.status, 'active');
  assert.deepEqual(result.listed, [
    'grace@acme.example',
    'katherine@acme.example',
    'ada@acme.example',
    'alan@acme.example',
  ]);
  assert.equal(result.conflict?.status, 409);
  assert.equal(result.conflict?.code, 'email_taken');
  assert.match(result.conflict?.requestId ?? '', /^[\w.-]+$/);
  assert.equal(result.afterLogout, 'unauthenticated');
  assert.equal(result.unreachable, true);
  assert.match(lines.join('\n'), /Refused: 409 email_taken/);
});
