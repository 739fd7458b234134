import { z } from 'zod';
import { isPlausibleEmail } from './email-key.js';

/** A trimmed, non-empty name of at most 100 characters. */
export const nameSchema = z.string().trim().min(1, 'Required').max(100, 'At most 100 characters');

/** An email address as given (trimmed), at most 254 characters; compared by `emailKey` (U1). */
export const emailSchema = z
  .string()
  .trim()
  .min(1, 'Required')
  .max(254, 'At most 254 characters')
  .refine(isPlausibleEmail, 'Expected an email address like name@example.com');

/** An ISO 8601 UTC timestamp, e.g. `2026-11-23T10:00:00.000Z`. */
export const timestampSchema = z.iso.datetime();

/** An opaque prefixed id, e.g. `acc_…`, `usr_…`. */
export const idSchema = (prefix: string) =>
  z
    .string()
    .regex(new RegExp(`^${prefix}_[0-9a-z]{10,40}$`), `Expected an id starting with ${prefix}_`);

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
