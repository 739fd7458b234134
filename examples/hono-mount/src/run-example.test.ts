import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runExample } from './run-example.ts';

test('the mounted admin API signs callers in with the host app’s API keys', async () => {
  const lines: string[] = [];
  const { exchanges } = await runExample((line) => lines.push(line));
  const byLabel = (start: string) => {
    const found = exchanges.find((e) => e.label.startsWith(start));
    assert.ok(found, `no exchange "${start}"`);
    return found;
  };

  assert.deepEqual(byLabel('GET /whoami').body, { name: 'Bob' });

  for (const label of ['GET /admin/v1/users without', 'GET /admin/v1/users with a Switchboard']) {
    const unauthenticated = byLabel(label);
    assert.equal(unauthenticated.status, 401);
    assert.match(unauthenticated.contentType, /^application\/problem\+json/);
    assert.equal((unauthenticated.body as { code: string }).code, 'unauthenticated');
  }

  const me = byLabel('GET /admin/v1/me as Bob');
  assert.equal(me.status, 200);
  assert.equal((me.body as { email: string }).email, 'bob@acme.example');

  const memberAdds = byLabel('POST /admin/v1/users as Bob');
  assert.equal(memberAdds.status, 403);
  assert.equal((memberAdds.body as { code: string }).code, 'forbidden');

  const adminAdds = byLabel('POST /admin/v1/users as Ada');
  assert.equal(adminAdds.status, 201);

  const list = byLabel('GET /admin/v1/users as Ada');
  assert.equal(list.status, 200);
  assert.deepEqual(
    (list.body as { data: { email: string }[] }).data.map((u) => u.email),
    ['bob@acme.example', 'grace@acme.example', 'ada@acme.example'],
  );
  assert.match(lines.join('\n'), /grace@acme\.example, pending/);
});
