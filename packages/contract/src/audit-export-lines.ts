import { type AuditEvent, auditCsvColumns } from './audit-event.js';

/**
 * One CSV cell (RFC 4180): quoted when it holds a quote, a comma or a line break, quotes
 * doubled. A cell a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`,
 * a tab or a carriage return) gets a leading `'`, so it is shown as text (OWASP CSV
 * injection).
 *
 * @example csvCell('=HYPERLINK("x")') // '"\'=HYPERLINK(""x"")"'
 */
export function csvCell(value: string | null): string {
  if (value === null) return '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The cells of an event, in the order of `auditCsvColumns`. */
function csvCells(event: AuditEvent): (string | null)[] {
  return [
    event.id,
    event.at,
    event.action,
    event.actor.type,
    event.actor.id,
    event.target.type,
    event.target.id,
    event.changedFields.join(';'),
    event.requestId,
    event.clientAddress,
  ];
}

/** The CSV header line, CRLF-terminated. */
export const csvHeaderLine = `${auditCsvColumns.join(',')}\r\n`;

/** One event as a CSV line, CRLF-terminated. */
export function csvLine(event: AuditEvent): string {
  return `${csvCells(event).map(csvCell).join(',')}\r\n`;
}

/** One event as a line of NDJSON. */
export function ndjsonLine(event: AuditEvent): string {
  return `${JSON.stringify(event)}\n`;
}
