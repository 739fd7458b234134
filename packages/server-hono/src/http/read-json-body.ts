import { SwitchboardError } from '@switchboard/core';
import type { Context } from 'hono';

/**
 * True for a JSON media type: `application/json` or any `application/…+json`, with or
 * without parameters (`; charset=utf-8`), in any case.
 *
 * @example isJsonMediaType('application/json; charset=utf-8') // true
 */
export function isJsonMediaType(contentType: string): boolean {
  const type = contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/**
 * The request body as parsed JSON; `validation_failed` when it is not JSON,
 * `payload_too_large` when it is over `maxBytes`, `unsupported_media_type` when it is sent
 * with another content type than JSON, or with none. An empty body (or one of white space
 * only) is `{}` whatever its content type: there is nothing to be of the wrong type, and a
 * route whose fields are all optional may be called without one. A declared non-JSON type
 * with a declared non-zero length is refused before the body is read. Validation against
 * the schema is the core's job.
 */
export async function readJsonBody(c: Context, maxBytes: number): Promise<unknown> {
  const contentType = c.req.header('content-type');
  const json = contentType !== undefined && isJsonMediaType(contentType);
  if (!json && contentType !== undefined && declaredLength(c) > 0) {
    throw unsupportedMediaType(contentType);
  }
  const text = await readText(c, maxBytes);
  if (text.trim() === '') return {};
  if (!json) throw unsupportedMediaType(contentType);
  try {
    return JSON.parse(text);
  } catch {
    throw new SwitchboardError('validation_failed', 'The request body is not valid JSON', {
      issues: [{ path: '', message: 'Expected a JSON body' }],
    });
  }
}

/** The declared `Content-Length` of a body that is not chunked, else 0 (not known yet). */
function declaredLength(c: Context): number {
  const declared = c.req.header('content-length');
  if (declared === undefined || c.req.header('transfer-encoding') !== undefined) return 0;
  return Number.parseInt(declared, 10) || 0;
}

function unsupportedMediaType(contentType: string | undefined): SwitchboardError {
  return new SwitchboardError(
    'unsupported_media_type',
    contentType === undefined
      ? 'The request body has no Content-Type: send it as JSON with Content-Type: application/json'
      : `The request body is ${JSON.stringify(contentType.slice(0, 100))}: send it as JSON with Content-Type: application/json`,
  );
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
