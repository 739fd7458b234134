import type { SwitchboardClient } from '@switchboard/client';
import type { AuditExportFormat } from '@switchboard/contract';
import {
  type ActivityFilters,
  exportFileName,
  exportNeedsFiltering,
  matchesFilters,
  timeRange,
} from './activity-filters.js';
import { auditFileLines } from './audit-file-lines.js';

/** An export ready to save: its bytes and its name. */
export interface ActivityExport {
  file: Blob;
  fileName: string;
}

const mediaTypes: Record<AuditExportFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  ndjson: 'application/x-ndjson;charset=utf-8',
};

/**
 * The events the Activity filters select, oldest first, as a CSV or NDJSON file. The
 * time range alone is the server's file as it streams (`auditEvents.export`); a person or
 * area filter — which the export endpoint does not take — reads the NDJSON export and
 * keeps the matching events, written as the server writes them. Either way the browser
 * gathers the file in a `Blob` before it is saved.
 *
 * @example const { file, fileName } = await activityExport(client, filters, 'csv');
 */
export async function activityExport(
  client: SwitchboardClient,
  filters: ActivityFilters,
  format: AuditExportFormat,
): Promise<ActivityExport> {
  const range = timeRange(filters);
  if (!exportNeedsFiltering(filters)) {
    const download = await client.auditEvents.export({ format, ...range });
    const headers = { 'content-type': download.contentType };
    return {
      file: await new Response(download.body, { headers }).blob(),
      fileName: download.fileName,
    };
  }
  const { header, line } = auditFileLines(format);
  const blobs: Blob[] = [];
  let lines: string[] = [header];
  for await (const event of client.auditEvents.exportEvents(range)) {
    if (!matchesFilters(event, filters)) continue;
    lines.push(line(event));
    // Into the browser's blob store a thousand lines at a time, not one long string.
    if (lines.length >= 1000) {
      blobs.push(new Blob(lines));
      lines = [];
    }
  }
  blobs.push(new Blob(lines));
  return {
    file: new Blob(blobs, { type: mediaTypes[format] }),
    fileName: exportFileName(filters, format),
  };
}

/** Offers `file` to the user as a download named `fileName`, from a link in `host`. */
export function saveDownload({ file, fileName }: ActivityExport, host: Node & ParentNode): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  host.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
