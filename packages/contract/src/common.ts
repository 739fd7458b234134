import { z } from 'zod';
import { isPlausibleEmail } from './email-key.js';

const singleLineMessage = 'Control characters (such as NUL, tabs or line breaks) are not allowed';
const multiLineMessage = 'Control characters (such as NUL) are not allowed';

/**
 * True when `value` holds a C0 control character (U+0000–U+001F) or DEL: NUL, a line
 * break, a tab, an escape… PostgreSQL refuses NUL in text outright, and none belongs in a
 * name, an email, an id or a search. Pass `{ multiLine: true }` to allow tab, line feed and carriage return.
 *
 * @example hasControlCharacters('Ada\u0000') // true
 */
export function hasControlCharacters(
  value: string,
  options: { multiLine?: boolean } = {},
): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0x20 && code !== 0x7f) continue;
    // Tab, line feed and carriage return belong to multi-line text.
    if (options.multiLine && (code === 0x09 || code === 0x0a || code === 0x0d)) continue;
    return true;
  }
  return false;
}

/**
 * One line of text as given (trimmed, so a pasted trailing line break is dropped), at most
 * `max` characters, without control characters (400 `validation_failed`). Chain `.min(1)`
 * for a required value.
 *
 * @example z.strictObject({ city: singleLineText(100).optional() })
 */
export const singleLineText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .refine((value) => !hasControlCharacters(value), singleLineMessage);

/**
 * Free text that may run over several lines (a description): trimmed, at most `max`
 * characters, with tabs and line breaks but no other control character (NUL above all).
 *
 * @example z.strictObject({ description: multiLineText(500).default('') })
 */
export const multiLineText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .refine((value) => !hasControlCharacters(value, { multiLine: true }), multiLineMessage);

/** A trimmed, non-empty name of at most 100 characters, on one line. */
export const nameSchema = singleLineText(100).min(1, 'Required');

/** An email address as given (trimmed), at most 254 characters; compared by `emailKey` (U1). */
export const emailSchema = z
  .string()
  .trim()
  .min(1, 'Required')
  .max(254, 'At most 254 characters')
  .refine((value) => !hasControlCharacters(value), singleLineMessage)
  .refine(isPlausibleEmail, 'Expected an email address like name@example.com');

/** An ISO 8601 UTC timestamp, e.g. `2026-11-23T10:00:00.000Z`. */
export const timestampSchema = z.iso.datetime();

/**
 * How many times a resource has changed, from 1 (C1); its answers send it as `ETag: "<version>"`
 * and writes may name it in `If-Match`.
 */
export const versionSchema = z
  .number()
  .int()
  .positive()
  .describe('Counts the changes of the resource; sent as its ETag (`"3"`) and taken by If-Match');

/** An opaque prefixed id, e.g. `acc_…`, `usr_…`. */
export const idSchema = (prefix: string) =>
  z
    .string()
    .regex(new RegExp(`^${prefix}_[0-9a-z]{10,40}$`), `Expected an id starting with ${prefix}_`);

/**
 * An id as it arrives in a path (`/v1/users/{id}`) or a query: any text of 1..200
 * characters without control characters. A well-formed id that names nothing is still a
 * 404 for the service to answer; `%00` or a line break is a 400 here, before any database
 * sees it (PostgreSQL refuses NUL in text).
 *
 * @example const id = pathIdSchema.parse(c.req.param('id'))
 */
export const pathIdSchema = z
  .string()
  .min(1, 'Required')
  .max(200, 'At most 200 characters')
  .refine((value) => !hasControlCharacters(value), singleLineMessage);

/** RFC 9457 problem details as every Switchboard error is sent. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  requestId: z.string().optional(),
});
export type Problem = z.infer<typeof problemSchema>;
