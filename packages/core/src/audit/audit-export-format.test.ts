import type { AuditEvent } from '@switchboard/contract';
import { describe, expect, it } from 'vitest';
import { isSwitchboardError } from '../errors/switchboard-error.js';
import {
  csvCell,
  csvHeaderLine,
  csvLine,
  exportChunks,
  ndjsonLine,
} from './audit-export-format.js';
import { auditFilter, decodeAuditCursor, encodeAuditCursor } from './audit-filter.js';

const event: AuditEvent = {
  id: 'evt_1',
  action: 'user.updated',
  actor: { type: 'user', id: 'usr_1' },
  target: { type: 'user', id: 'usr_2' },
  changedFields: ['firstName', 'permissions.canShare'],
  requestId: '=cmd|"/C calc"!A0',
  clientAddress: '2001:db8::1',
  at: '2026-01-01T00:00:00.000Z',
};

describe('csvCell (RFC 4180, formula injection)', () => {
  it('quotes a cell with a quote, a comma or a line break, doubling quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
  });

  it('prefixes a cell a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      expect(csvCell(`${start}1+1`)[0]).not.toBe(start);
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
  });
});

describe('export lines', () => {
  it('writes CSV with a header and one CRLF line per event', () => {
    expect(csvHeaderLine).toBe(
      'id,at,action,actorType,actorId,targetType,targetId,changedFields,requestId,clientAddress\r\n',
    );
    expect(csvLine(event)).toBe(
      'evt_1,2026-01-01T00:00:00.000Z,user.updated,user,usr_1,user,usr_2,firstName;permissions.canShare,"\'=cmd|""/C calc""!A0",2001:db8::1\r\n',
    );
  });

  it('writes NDJSON as one JSON event per line', () => {
    expect(JSON.parse(ndjsonLine(event))).toEqual(event);
    expect(ndjsonLine(event).endsWith('}\n')).toBe(true);
  });

  it('joins a batch into one chunk, after the CSV header', async () => {
    async function* batches() {
      yield [event, event];
      yield [];
      yield [event];
    }
    const chunks: string[] = [];
    for await (const chunk of exportChunks('csv', batches())) chunks.push(chunk);
    expect(chunks).toHaveLength(3);
    expect(chunks[0]).toBe(csvHeaderLine);
  });
});

describe('auditFilter and the cursor', () => {
  it('reads area.* as an area and anything else as an exact action; times as UTC', () => {
    expect(auditFilter({ action: 'user.*' })).toEqual({ action: { area: 'user' } });
    expect(auditFilter({ action: 'user.added', since: '2026-01-01T01:00:00+01:00' })).toEqual({
      action: { exact: 'user.added' },
      since: '2026-01-01T00:00:00.000Z',
    });
  });

  it('round-trips a cursor and refuses a forged one', () => {
    const cursor = { at: '2026-01-01T00:00:00.000Z', seq: 42 };
    expect(decodeAuditCursor(encodeAuditCursor(cursor))).toEqual(cursor);
    const forged = Buffer.from(JSON.stringify(['yesterday', '1'])).toString('base64url');
    let error: unknown;
    try {
      decodeAuditCursor(forged);
    } catch (e) {
      error = e;
    }
    expect(isSwitchboardError(error, 'validation_failed')).toBe(true);
  });
});
