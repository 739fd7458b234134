import { isSwitchboardError } from '@switchboard/core';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { isJsonMediaType, readJsonBody } from './read-json-body.js';

/** A tiny app answering the parsed body, or the error code. */
const app = new Hono()
  .post('/', async (c) => c.json({ body: await readJsonBody(c, 1024) }))
  .onError((error) => Response.json({ code: isSwitchboardError(error) ? error.code : 'other' }));

const send = async (body: BodyInit | undefined, headers: Record<string, string> = {}) =>
  (
    await app.request('/', { method: 'POST', headers, ...(body === undefined ? {} : { body }) })
  ).json();

const bytes = (text: string) => new TextEncoder().encode(text);

describe('readJsonBody', () => {
  it('parses a body sent as application/json, with parameters, or as a +json type', async () => {
    for (const type of [
      'application/json',
      'Application/JSON; charset=utf-8',
      'application/merge-patch+json',
    ]) {
      expect(await send('{"a":1}', { 'content-type': type }), type).toEqual({ body: { a: 1 } });
    }
  });

  it('answers unsupported_media_type for a JSON body sent as text/plain, a form or without a type (issue 16, item 12)', async () => {
    expect(await send('{"a":1}', { 'content-type': 'text/plain' })).toEqual({
      code: 'unsupported_media_type',
    });
    expect(await send('{"a":1}', { 'content-type': 'application/x-www-form-urlencoded' })).toEqual({
      code: 'unsupported_media_type',
    });
    // A byte body gets no content type from fetch's Request.
    expect(await send(bytes('{"a":1}'))).toEqual({ code: 'unsupported_media_type' });
  });

  it('refuses a declared non-JSON body before reading it', async () => {
    const stream = new ReadableStream({
      pull() {
        throw new Error('the body was read');
      },
    });
    const response = await app.request('/', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'content-length': '7' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(await response.json()).toEqual({ code: 'unsupported_media_type' });
  });

  it('takes an empty body as {} whatever its type: a route whose fields are optional needs none', async () => {
    expect(await send(undefined)).toEqual({ body: {} });
    expect(await send(bytes(''))).toEqual({ body: {} });
    expect(await send('', { 'content-type': 'text/plain' })).toEqual({ body: {} });
    expect(await send('  \n', { 'content-type': 'application/json' })).toEqual({ body: {} });
  });

  it('answers validation_failed for JSON that does not parse, payload_too_large past the limit', async () => {
    expect(await send('{"a":', { 'content-type': 'application/json' })).toEqual({
      code: 'validation_failed',
    });
    expect(
      await send(JSON.stringify({ a: 'x'.repeat(2048) }), { 'content-type': 'application/json' }),
    ).toEqual({ code: 'payload_too_large' });
  });
});

describe('isJsonMediaType', () => {
  it('tells JSON media types from others', () => {
    expect(isJsonMediaType('application/json')).toBe(true);
    expect(isJsonMediaType('application/problem+json; charset=utf-8')).toBe(true);
    expect(isJsonMediaType('text/json')).toBe(false);
    expect(isJsonMediaType('application/jsonp')).toBe(false);
    expect(isJsonMediaType('')).toBe(false);
  });
});
