import { SwitchboardError } from '@switchboard/core';
import type { Context } from 'hono';

/**
 * The request body as parsed JSON (an empty body is `{}`); `validation_failed` when it is
 * not JSON, `payload_too_large` when it is over `maxBytes`. Validation against the schema is
 * the core's job.
 */
export async function readJsonBody(c: Context, maxBytes: number): Promise<unknown> {
  const text = await readText(c, maxBytes);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new SwitchboardError('validation_failed', 'The request body is not valid JSON', {
      issues: [{ path: '', message: 'Expected a JSON body' }],
    });
  }
}

/**
 * The body as text, refused past `maxBytes`: a declared `Content-Length` is checked before
 * anything is read, and a chunked body is counted as it arrives and dropped at the limit.
 * A declared length is read with `c.req.text()`, so the Node adapter reads it straight from
 * the socket; only a chunked body goes through the request's web stream.
 */
async function readText(c: Context, maxBytes: number): Promise<string> {
  const declared = c.req.header('content-length');
  if (declared !== undefined && c.req.header('transfer-encoding') === undefined) {
    if (Number.parseInt(declared || '0', 10) > maxBytes) throw tooLarge(maxBytes);
    return c.req.text();
  }
  const reader = c.req.raw.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks).toString('utf8');
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
}

function tooLarge(maxBytes: number): SwitchboardError {
  return new SwitchboardError(
    'payload_too_large',
    `The request body is larger than ${byteSize(maxBytes)}`,
  );
}

/** `1 MiB`, `512 KiB` or `300 bytes`, for messages. */
function byteSize(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
