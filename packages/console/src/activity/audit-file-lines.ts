import {
  type AuditEvent,
  type AuditExportFormat,
  csvHeaderLine,
  csvLine,
  ndjsonLine,
} from '@switchboard/contract';

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
  return format === 'ndjson'
    ? { header: '', line: ndjsonLine }
    : { header: csvHeaderLine, line: csvLine };
}
