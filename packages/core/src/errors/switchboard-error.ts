import { type ErrorCode, type ErrorKind, errorTable, type FieldIssue } from '@switchboard/contract';

export interface SwitchboardErrorOptions {
  issues?: FieldIssue[];
  /** Seconds after which a rate-limited call may be tried again. */
  retryAfter?: number;
  cause?: unknown;
}

/**
 * The one error class of the core: a stable `code`, an HTTP-neutral `kind`, a readable
 * message and, for bad input, field `issues`.
 *
 * @example
 * try { await sb.account.update(actor, { zip: 'nope' }); }
 * catch (e) { if (isSwitchboardError(e, 'validation_failed')) console.log(e.issues); }
 */
export class SwitchboardError extends Error {
  override readonly name = 'SwitchboardError';
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly issues: FieldIssue[] | undefined;
  readonly retryAfter: number | undefined;

  constructor(code: ErrorCode, message?: string, options: SwitchboardErrorOptions = {}) {
    super(
      message ?? errorTable[code].title,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.kind = errorTable[code].kind;
    this.issues = options.issues;
    this.retryAfter = options.retryAfter;
  }
}

/** True when `error` is a SwitchboardError (from any copy of the package), optionally of one code. */
export function isSwitchboardError(error: unknown, code?: ErrorCode): error is SwitchboardError {
  return (
    error instanceof Error &&
    error.name === 'SwitchboardError' &&
    (code === undefined || (error as SwitchboardError).code === code)
  );
}
