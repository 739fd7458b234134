import { SwitchboardError } from '../errors/switchboard-error.js';

/** The version a write is made against (C1): from `If-Match`, or the caller's own record. */
export interface VersionCondition {
  /**
   * The resource's version the change was prepared from; `precondition_failed` and no change
   * when it has moved on. `'*'` (or none) accepts any version.
   */
  ifVersion?: number | '*' | undefined;
}

/**
 * Throws `precondition_failed` unless the resource, locked for the change, is at the
 * version the write names. Checked after the lock, in the change's transaction, so no other
 * change can come between the check and the write.
 *
 * @example assertVersion(row.version, { ifVersion: 3 })
 */
export function assertVersion(current: number, condition: VersionCondition | undefined): void {
  const expected = condition?.ifVersion;
  if (expected === undefined || expected === '*' || expected === current) return;
  throw new SwitchboardError(
    'precondition_failed',
    `The resource is at version ${current}, not ${expected}: it changed since you read it; read it again and reapply your change`,
  );
}
