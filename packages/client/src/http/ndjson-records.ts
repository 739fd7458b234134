import type { z } from 'zod';
import { ResponseShapeError } from '../errors/response-shape-error.js';
import type { RequestInfo } from '../errors/switchboard-api-error.js';

function parseLine<T>(text: string, number: number, schema: z.ZodType<T>, request: RequestInfo): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ResponseShapeError(
      request,
      `line ${number} is not JSON: ${JSON.stringify(text.slice(0, 100))}`,
    );
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ResponseShapeError(request, `line ${number}: ${issues.join('; ')}`);
  }
  return parsed.data;
}

/**
 * The records of an NDJSON stream (one JSON value per line; blank lines skipped), each
 * checked against `schema`, as the stream arrives: a line that is not JSON or breaks the
 * contract throws `ResponseShapeError`. Stopping early (`break`) cancels the stream.
 *
 * @example for await (const event of ndjsonRecords(file.body, auditEventSchema, request)) …
 */
export async function* ndjsonRecords<T>(
  body: ReadableStream<Uint8Array>,
  schema: z.ZodType<T>,
  request: RequestInfo,
): AsyncGenerator<T, void, undefined> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  let number = 0;
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      pending += decoder.decode(value, { stream: true });
      let start = 0;
      for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n', start)) {
        const line = pending.slice(start, end);
        start = end + 1;
        number += 1;
        if (line.trim()) yield parseLine(line, number, schema, request);
      }
      pending = pending.slice(start);
    }
    finished = true;
    pending += decoder.decode();
    if (pending.trim()) yield parseLine(pending, number + 1, schema, request);
  } finally {
    // Stopped early (or a bad line): the server stops producing the rest.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
