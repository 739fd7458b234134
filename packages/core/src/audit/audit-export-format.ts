import {
  type AuditEvent,
  type AuditExportFormat,
  csvHeaderLine,
  csvLine,
  ndjsonLine,
} from '@switchboard/contract';

// The lines of an export are written by the contract, so the console writes the same.
export { csvCell, csvHeaderLine, csvLine, ndjsonLine } from '@switchboard/contract';

/** How an export of each format is served. */
export const exportMediaTypes: Record<AuditExportFormat, string> = {
  ndjson: 'application/x-ndjson',
  csv: 'text/csv',
};

/**
 * The text of an export, chunk by chunk: the header line (CSV), then each event's line.
 * Lines of a batch are joined into one chunk, so a consumer writes few, larger chunks.
 */
export async function* exportChunks(
  format: AuditExportFormat,
  batches: AsyncIterable<readonly AuditEvent[]>,
): AsyncGenerator<string> {
  const line = format === 'csv' ? csvLine : ndjsonLine;
  if (format === 'csv') yield csvHeaderLine;
  for await (const batch of batches) {
    if (batch.length > 0) yield batch.map(line).join('');
  }
}
