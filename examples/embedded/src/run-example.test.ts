import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runExample } from './run-example.ts';

test('the embedded example opens an account, activates its admin and stores normalised details', async () => {
  const lines: string[] = [];
  // Cheap hashing keeps the test quick on a loaded machine; the example keeps the default.
  const { account, events, mail } = await runExample((line) => lines.push(line), {
    passwordHashing: { logN: 10, r: 8, p: 1 },
  });
  assert.equal(account.state, 'MA');
  assert.equal(account.phoneNumber, '+16175550100');
  assert.equal(mail[0]?.to, 'ada@acme.example');
  assert.deepEqual(events.map((e) => e.action).sort(), [
    'account.created',
    'account.updated',
    'user.activated',
    'user.added',
  ]);
  assert.match(lines.join('\n'), /Ada activated and is signed in/);
});
