import type { FieldIssue } from '@switchboard/contract';
import type { z } from 'zod';
import { SwitchboardError } from './switchboard-error.js';

/** Turns zod issues into `{ path, message }` pairs with dotted paths (`admin.email`). */
export function toFieldIssues(issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message:
      issue.code === 'unrecognized_keys'
        ? `Unknown field(s): ${issue.keys.join(', ')}`
        : issue.message,
  }));
}

/**
 * Parses untrusted input with a contract schema; throws `validation_failed` with field
 * issues when it does not match.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new SwitchboardError('validation_failed', 'The request is not valid', {
    issues: toFieldIssues(result.error.issues),
  });
}
