import type { AuditEvent } from '@switchboard/contract';
import { describe, expect, it } from 'vitest';
import { createClient } from '../create-client.js';
import { isConnectionError } from '../errors/connection-error.js';
import { fileNameOf } from './downloaded-file.js';

// Streaming edge cases that msw cannot stage (it reads a mocked body whole before
// answering): the client gets a `fetch` that answers with the stream itself.

const event = (n: number): AuditEvent => ({
  id: `evt_${n}`,
  action: 'user.updated',
  actor: { type: 'user', id: 'usr_ada' },
  target: { type: 'user', id: 'usr_grace' },
  changedFields: ['lastName'],
  requestId: null,
  clientAddress: null,
  at: `2026-11-23T10:00:0${n}.000Z`,
});

/** A client whose every request is answered with a file streaming `body`. */
function clientServing(body: ReadableStream<Uint8Array>) {
  return createClient({
    baseUrl: 'https://api.switchboard.test',
    retry: 0,
    fetch: () =>
      new Response(body, {
        headers: {
          'content-type': 'application/x-ndjson; charset=utf-8',
          'content-disposition': 'attachment; filename="audit-events-acc_1.ndjson"',
        },
      }),
  });
}

/** Lines of NDJSON, one per pull, then `end` (close, fail or hang). */
function lines(events: AuditEvent[], end: 'close' | Error | 'hang' = 'close') {
  const encoder = new TextEncoder();
  const state = { pulls: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        state.pulls += 1;
        const next = events.shift();
        if (next) return controller.enqueue(encoder.encode(`${JSON.stringify(next)}\n`));
        if (end === 'hang') return new Promise<void>(() => undefined);
        if (end === 'close') controller.close();
        else controller.error(end);
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { body, state };
}

describe('fileNameOf', () => {
  it('reads filename="…", a bare filename and the encoded filename*', () => {
    expect(fileNameOf('attachment; filename="audit-events-acc_1.csv"')).toBe(
      'audit-events-acc_1.csv',
    );
    expect(fileNameOf('attachment; filename=log.ndjson')).toBe('log.ndjson');
    expect(
      fileNameOf(`attachment; filename="a.csv"; filename*=UTF-8''journal%20%C3%A9t%C3%A9.csv`),
    ).toBe('journal été.csv');
    expect(fileNameOf('attachment; filename="say \\"hi\\".csv"')).toBe('say "hi".csv');
    expect(fileNameOf('attachment')).toBeUndefined();
    expect(fileNameOf(null)).toBeUndefined();
  });
});

describe('a downloaded file’s stream', () => {
  it('is read only as far as the reader asks, and stopping cancels the answer', async () => {
    const { body, state } = lines([event(1), event(2), event(3)]);
    const client = clientServing(body);
    const seen: string[] = [];
    for await (const found of client.auditEvents.exportEvents()) {
      seen.push(found.id);
      if (found.id === 'evt_1') break;
    }
    expect(seen).toEqual(['evt_1']);
    expect(state.cancelled).toBe(true);
    expect(state.pulls).toBeLessThanOrEqual(2);
  });

  it('names the file after Content-Disposition', async () => {
    const file = await clientServing(lines([event(1)]).body).auditEvents.export();
    expect(file.fileName).toBe('audit-events-acc_1.ndjson');
    expect(file.request).toEqual({
      method: 'GET',
      url: 'https://api.switchboard.test/v1/audit-events/export',
    });
    await file.body.cancel();
  });

  it('errors with ConnectionError when the answer is cut short, after the events before', async () => {
    const { body } = lines([event(1)], new Error('socket hang up'));
    const seen: string[] = [];
    const failure = await (async () => {
      for await (const found of clientServing(body).auditEvents.exportEvents()) seen.push(found.id);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(['evt_1']);
    expect(isConnectionError(failure)).toBe(true);
    expect((failure as Error).message).toContain('socket hang up');
  });

  it('errors with the signal’s reason once the call is aborted, and cancels the answer', async () => {
    const { body, state } = lines([event(1)], 'hang');
    const controller = new AbortController();
    const file = await clientServing(body).auditEvents.export({}, { signal: controller.signal });
    const reading = new Response(file.body).text().catch((e: unknown) => e);
    setTimeout(() => controller.abort(new Error('closed the tab')), 20);
    expect(((await reading) as Error).message).toBe('closed the tab');
    expect(state.cancelled).toBe(true);
  });
});
