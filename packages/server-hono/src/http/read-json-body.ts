import { SwitchboardError } from '@switchboard/core';
import type { Context } from 'hono';

/**
 * The request body as parsed JSON (an empty body is `{}`); `validation_failed` when it is
 * not JSON. Validation against the schema is the core's job.
 */
export async function readJsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new SwitchboardError('validation_failed', 'The request body is not valid JSON', {
      issues: [{ path: '', message: 'Expected a JSON body' }],
    });
  }
}
