import type { AuditEvent } from '@switchboard/contract';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../create-client.js';
import { ForbiddenError } from '../errors/api-error-kinds.js';
import { ResponseShapeError } from '../errors/response-shape-error.js';

const baseUrl = 'https://api.switchboard.test/admin';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

const client = createClient({ baseUrl, token: 'session-token', retry: 0, timeoutMs: 2000 });

const event = (n: number, action = 'user.updated'): AuditEvent => ({
  id: `evt_${String(n).padStart(4, '0')}`,
  action,
  actor: { type: 'user', id: 'usr_ada' },
  target: { type: 'user', id: 'usr_grace' },
  changedFields: ['lastName'],
  requestId: null,
  clientAddress: null,
  at: `2026-11-23T10:00:${String(n).padStart(2, '0')}.000Z`,
});

/** A streamed answer of these chunks (strings or bytes). */
function streamOf(chunks: (string | Uint8Array)[]) {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.shift();
      if (next === undefined) controller.close();
      else controller.enqueue(typeof next === 'string' ? encoder.encode(next) : next);
    },
  });
  return { body };
}

const download = (body: ReadableStream<Uint8Array>, type: string, fileName: string) =>
  new HttpResponse(body, {
    headers: {
      'content-type': `${type}; charset=utf-8`,
      'content-disposition': `attachment; filename="${fileName}"`,
    },
  });

describe('client.auditEvents', () => {
  it('list() follows nextCursor through every page, with the filters on each request', async () => {
    const seen: URLSearchParams[] = [];
    server.use(
      http.get(`${baseUrl}/v1/audit-events`, ({ request }) => {
        const query = new URL(request.url).searchParams;
        seen.push(query);
        const cursor = query.get('cursor');
        if (!cursor) return HttpResponse.json({ data: [event(3), event(2)], nextCursor: 'c1' });
        return HttpResponse.json({ data: [event(1)], nextCursor: null });
      }),
    );
    const events = await collect(
      client.auditEvents.list({ action: 'user.*', actorId: 'usr_ada', limit: 2 }),
    );
    expect(events.map((e) => e.id)).toEqual(['evt_0003', 'evt_0002', 'evt_0001']);
    expect(seen.map((q) => Object.fromEntries(q))).toEqual([
      { action: 'user.*', actorId: 'usr_ada', limit: '2' },
      { action: 'user.*', actorId: 'usr_ada', limit: '2', cursor: 'c1' },
    ]);
  });

  it('list() asks for no further page once the caller stops', async () => {
    let requests = 0;
    server.use(
      http.get(`${baseUrl}/v1/audit-events`, () => {
        requests += 1;
        return HttpResponse.json({ data: [event(2), event(1)], nextCursor: 'more' });
      }),
    );
    for await (const found of client.auditEvents.list()) if (found.id === 'evt_0002') break;
    expect(requests).toBe(1);
  });

  it('page() answers one page; a member is refused with ForbiddenError', async () => {
    server.use(
      http.get(`${baseUrl}/v1/audit-events`, ({ request }) =>
        request.headers.get('authorization') === 'Bearer session-token'
          ? HttpResponse.json({ data: [event(1)], nextCursor: null })
          : HttpResponse.json(
              { type: 'x', title: 'Forbidden', status: 403, code: 'forbidden', detail: 'Admins' },
              { status: 403, headers: { 'content-type': 'application/problem+json' } },
            ),
      ),
    );
    expect(await client.auditEvents.page({ targetId: 'usr_grace' })).toEqual({
      data: [event(1)],
      nextCursor: null,
    });
    const refused = await client
      .withToken('member')
      .auditEvents.page()
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ForbiddenError);
  });

  it('verify() answers { ok, checked, firstBrokenEventId }', async () => {
    const verdict = { ok: false, checked: 41, firstBrokenEventId: 'evt_0007' };
    server.use(http.get(`${baseUrl}/v1/audit-events/verify`, () => HttpResponse.json(verdict)));
    expect(await client.auditEvents.verify()).toEqual(verdict);
  });

  it('export() gives the file’s name, type and a stream of its bytes, asking for the format', async () => {
    let query: Record<string, string> = {};
    let accept: string | null = null;
    const csv = 'id,at,action\r\nevt_0001,2026-11-23T10:00:01.000Z,user.updated\r\n';
    server.use(
      http.get(`${baseUrl}/v1/audit-events/export`, ({ request }) => {
        query = Object.fromEntries(new URL(request.url).searchParams);
        accept = request.headers.get('accept');
        return download(streamOf([csv.slice(0, 10), csv.slice(10)]).body, 'text/csv', 'a.csv');
      }),
    );
    const since = '2026-11-23T00:00:00Z';
    const file = await client.auditEvents.export({ format: 'csv', since });
    expect(file.fileName).toBe('a.csv');
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    expect(await new Response(file.body).text()).toBe(csv);
    expect(query).toEqual({ format: 'csv', since });
    expect(accept).toContain('text/csv');
  });

  it('export() throws the API’s error before any byte, as other calls do', async () => {
    server.use(
      http.get(`${baseUrl}/v1/audit-events/export`, () =>
        HttpResponse.json(
          { type: 'x', title: 'Forbidden', status: 403, code: 'forbidden', detail: 'Admins' },
          { status: 403, headers: { 'content-type': 'application/problem+json' } },
        ),
      ),
    );
    expect(await client.auditEvents.export().catch((e: unknown) => e)).toBeInstanceOf(
      ForbiddenError,
    );
  });

  it('exportEvents() parses NDJSON lines split across chunks (and characters split mid-byte)', async () => {
    const lines = [event(1), { ...event(2), changedFields: ['firstName'] }, event(3)].map((e) =>
      JSON.stringify(e),
    );
    const text = `${lines[0]}\n\n${lines[1]}\n${lines[2]}`; // a blank line, no final newline
    const bytes = new TextEncoder().encode(text.replace('usr_grace', 'usr_grâce'));
    const cut = new TextEncoder().encode(text.slice(0, text.indexOf('grace') + 2)).length + 1;
    let query: Record<string, string> = {};
    server.use(
      http.get(`${baseUrl}/v1/audit-events/export`, ({ request }) => {
        query = Object.fromEntries(new URL(request.url).searchParams);
        const { body } = streamOf([bytes.slice(0, 7), bytes.slice(7, cut), bytes.slice(cut)]);
        return download(body, 'application/x-ndjson', 'a.ndjson');
      }),
    );
    const events = await collect(
      client.auditEvents.exportEvents({ until: '2026-12-01T00:00:00Z' }),
    );
    expect(events.map((e) => e.id)).toEqual(['evt_0001', 'evt_0002', 'evt_0003']);
    expect(events[0]?.target.id).toBe('usr_grâce');
    expect(events[1]?.changedFields).toEqual(['firstName']);
    expect(query).toEqual({ until: '2026-12-01T00:00:00Z', format: 'ndjson' });
  });

  it('exportEvents() names the line that breaks the contract (ResponseShapeError)', async () => {
    const bad = JSON.stringify({ ...event(2), actor: 'ada' });
    server.use(
      http.get(`${baseUrl}/v1/audit-events/export`, () =>
        download(
          streamOf([`${JSON.stringify(event(1))}\n${bad}\n`]).body,
          'application/x-ndjson',
          'a.ndjson',
        ),
      ),
    );
    const failure = await collect(client.auditEvents.exportEvents()).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ResponseShapeError);
    expect((failure as Error).message).toMatch(/line 2: actor/);
  });
});
