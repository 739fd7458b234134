import type { SwitchboardClient } from '@switchboard/client';
import type { AuditExportFormat } from '@switchboard/contract';
import { type ActivityFilters, activityQuery, exportFileName } from './activity-filters.js';

/** An export ready to save: its bytes and its name. */
export interface ActivityExport {
  file: Blob;
  fileName: string;
}

/**
 * The events the Activity filters select, oldest first, as a CSV or NDJSON file: the
 * server's export with the same filters as the timeline (`auditEvents.export`), gathered
 * by the browser in a `Blob` before it is saved. A filtered file is named after its filters.
 *
 * @example const { file, fileName } = await activityExport(client, filters, 'csv');
 */
export async function activityExport(
  client: SwitchboardClient,
  filters: ActivityFilters,
  format: AuditExportFormat,
): Promise<ActivityExport> {
  const download = await client.auditEvents.export({ format, ...activityQuery(filters) });
  const headers = { 'content-type': download.contentType };
  return {
    file: await new Response(download.body, { headers }).blob(),
    fileName: exportFileName(filters, format) ?? download.fileName,
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
