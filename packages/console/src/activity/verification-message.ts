import type { AuditVerification } from '@switchboard/contract';

/**
 * What the Activity tab says of `auditEvents.verify()`'s verdict (E3). A broken chain names
 * its first broken event: by its id, and by its sentence and time when the timeline has it.
 *
 * @example verificationMessage({ ok: true, checked: 42, firstBrokenEventId: null }) // 'Log verified: 42 events, untouched'
 */
export function verificationMessage(
  verdict: AuditVerification,
  brokenEvent?: { sentence: string; at: string },
): string {
  if (verdict.ok) {
    return `Log verified: ${verdict.checked} ${verdict.checked === 1 ? 'event' : 'events'}, untouched`;
  }
  if (!verdict.firstBrokenEventId) {
    return 'The log was changed: its newest events were removed after they were written.';
  }
  const which = brokenEvent
    ? `${verdict.firstBrokenEventId} (“${brokenEvent.sentence}”, ${new Date(brokenEvent.at).toLocaleString()})`
    : verdict.firstBrokenEventId;
  return `The log was changed after it was written: event ${which} and the events after it do not verify.`;
}
