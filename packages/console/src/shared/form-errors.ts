import { isConnectionError, isSwitchboardApiError } from '@switchboard/client';

/** Errors to show: one message per form field, plus one for the form or action as a whole. */
export interface FormErrors {
  fields: Record<string, string>;
  form?: string;
}

/** No errors. */
export const noErrors: FormErrors = { fields: {} };

/**
 * Turns a failed call into messages placed where they belong: each `issues` entry on its
 * field, a code named in `codeFields` (say `email_taken` → `email`) on that field, anything
 * else on the form. A request id is quoted for server faults, so support can find the log.
 *
 * @example formErrors(error, { email_taken: 'email' }) // { fields: { email: 'That email…' } }
 */
export function formErrors(error: unknown, codeFields: Record<string, string> = {}): FormErrors {
  if (isSwitchboardApiError(error)) {
    const fields: Record<string, string> = {};
    for (const issue of error.issues) {
      const field = issue.path.split('.')[0] || '';
      if (field && !fields[field]) fields[field] = issue.message;
    }
    const field = codeFields[error.code];
    if (field) return { fields: { ...fields, [field]: error.detail } };
    if (error.issues.length > 0 && Object.keys(fields).length > 0) return { fields };
    return { fields, form: formMessage(error) };
  }
  if (isConnectionError(error)) {
    return {
      fields: {},
      form: 'The server cannot be reached. Check your connection and try again.',
    };
  }
  return { fields: {}, form: error instanceof Error ? error.message : String(error) };
}

/**
 * The errors left after an action that started at `startedAt` succeeded: every form-level
 * message shown before that moment goes (it told of an earlier attempt the user has since
 * moved on from), while field messages stay beside the fields that still hold what they
 * are about. `shownAt` gives when each form's errors were shown, on the same clock.
 *
 * @example staleMessagesCleared({ request: { fields: {}, form: 'Refused' } }, { request: 1 }, 2)
 * // { request: { fields: {} } }
 */
export function staleMessagesCleared(
  errors: Readonly<Record<string, FormErrors>>,
  shownAt: Readonly<Record<string, number>>,
  startedAt: number,
): Record<string, FormErrors> {
  const kept: Record<string, FormErrors> = {};
  for (const [key, shown] of Object.entries(errors)) {
    const stale = shown.form !== undefined && (shownAt[key] ?? 0) < startedAt;
    kept[key] = stale ? { fields: shown.fields } : shown;
  }
  return kept;
}

function formMessage(error: {
  status: number;
  detail: string;
  requestId: string | undefined;
  retryAfter: number | undefined;
}): string {
  if (error.status === 429 && error.retryAfter !== undefined) {
    return `${error.detail} Try again in ${waitText(error.retryAfter)}.`;
  }
  if (error.status >= 500) {
    const reference = error.requestId ? ` (reference ${error.requestId})` : '';
    return `${error.detail}${reference}`;
  }
  return error.detail;
}

function waitText(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
