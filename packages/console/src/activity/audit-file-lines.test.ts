import type { AuditEvent } from '@switchboard/contract';
import {
  createSwitchboard,
  newKeyRingEntry,
  operatorActor,
  silentLogger,
  sqlite,
} from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { auditFileLines } from './audit-file-lines.js';

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let all = '';
  for await (const chunk of chunks) all += chunk;
  return all;
}

describe('auditFileLines', () => {
  it('writes a file exactly as the server’s export does, CSV and NDJSON', async () => {
    const sb = createSwitchboard({
      database: sqlite(':memory:'),
      logger: silentLogger,
      mailRetryIntervalSeconds: 0,
      secretKeys: newKeyRingEntry('k1'),
      mailer: { send: async () => undefined },
    });
    try {
      await sb.migrate();
      const created = await sb.operator.createAccount(operatorActor(), {
        companyName: 'Acme',
        admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' },
      });
      const ada = await sb.identity.actorFor(created.admin.id);
      await sb.account.update(ada, { city: 'Boston', zip: '02101' });
      const events = (await sb.audit.list(ada, { limit: 100 })).data.reverse();
      for (const format of ['csv', 'ndjson'] as const) {
        const { header, line } = auditFileLines(format);
        const server = await text((await sb.audit.export(ada, { format })).chunks);
        expect(header + events.map(line).join('')).toBe(server);
      }
    } finally {
      await sb.close();
    }
  });

  it('quotes CSV cells as RFC 4180 does, and defuses spreadsheet formulas', () => {
    const event: AuditEvent = {
      id: 'evt_1',
      action: 'user.updated',
      actor: { type: 'user', id: '=cmd()' },
      target: { type: 'user', id: 'usr_"x"' },
      changedFields: ['firstName', 'lastName'],
      requestId: 'a,b',
      clientAddress: null,
      at: '2026-11-23T09:00:00.000Z',
    };
    expect(auditFileLines('csv').line(event)).toBe(
      `evt_1,2026-11-23T09:00:00.000Z,user.updated,user,'=cmd(),user,"usr_""x""",firstName;lastName,"a,b",\r\n`,
    );
    expect(auditFileLines('ndjson').line(event)).toBe(`${JSON.stringify(event)}\n`);
  });
});
