import { type AuditEvent, type AuditExportFormat, auditCsvColumns } from '@switchboard/contract';

/**
 * One CSV cell as the server's export writes it (RFC 4180 quoting; a cell a spreadsheet
 * would run as a formula gets a leading `'`).
 */
function csvCell(value: string | null): string {
  if (value === null) return '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The lines of an audit export file, written as the server writes them
 * (`GET /v1/audit-events/export`): for the exports the console filters itself by person
 * or area, which that endpoint does not. `header` is empty for NDJSON.
 *
 * @example const { header, line } = auditFileLines('csv'); parts.push(header, ...events.map(line));
 */
export function auditFileLines(format: AuditExportFormat): {
  header: string;
  line: (event: AuditEvent) => string;
} {
  if (format === 'ndjson') return { header: '', line: (event) => `${JSON.stringify(event)}\n` };
  return {
    header: `${auditCsvColumns.join(',')}\r\n`,
    line: (event) =>
      `${[
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
      ]
        .map(csvCell)
        .join(',')}\r\n`,
  };
}
