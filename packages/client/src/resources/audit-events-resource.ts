import {
  type AuditEvent,
  type AuditEventListQuery,
  type AuditEventPage,
  type AuditExportQuery,
  type AuditVerification,
  auditEventSchema,
  auditRoutes,
} from '@switchboard/contract';
import type { ApiTransport } from '../http/api-transport.js';
import type { DownloadedFile } from '../http/downloaded-file.js';
import { everyItem } from '../http/every-item.js';
import { ndjsonRecords } from '../http/ndjson-records.js';
import type { RequestOptions } from '../http/request-options.js';

/** What `auditEvents.list()` filters by: every filter of a page, without the cursor. */
export type AuditEventFilter = Omit<AuditEventListQuery, 'cursor'>;

/**
 * What an export keeps: the list's filters (`action`, `actorId`, `targetId`, and the time
 * range, `since` inclusive, `until` exclusive; ISO times).
 */
export type AuditExportRange = Omit<AuditExportQuery, 'format'>;

/**
 * The account's audit log (admins; E2, E3): read it, export it, check nobody edited it.
 *
 * @example for await (const event of client.auditEvents.list({ action: 'user.*' })) console.log(event.action);
 */
export class AuditEventsResource {
  readonly #api: ApiTransport;

  constructor(api: ApiTransport) {
    this.#api = api;
  }

  /**
   * One page of events, newest first: `{ data, nextCursor }` (`limit` 1..100, default 50).
   *
   * @example const { data, nextCursor } = await client.auditEvents.page({ limit: 20, actorId: 'usr_…' });
   */
  page(query: AuditEventListQuery = {}, options?: RequestOptions): Promise<AuditEventPage> {
    return this.#api.call(auditRoutes.listAuditEvents, { query }, options);
  }

  /**
   * Every matching event, newest first, fetching pages (of `limit`) as you go; `options`
   * apply to each page. `action` is one action or an area's (`user.*`).
   *
   * @example for await (const event of client.auditEvents.list({ action: 'phone_number.*', since })) console.log(event.at);
   */
  async *list(
    query: AuditEventFilter = {},
    options?: RequestOptions,
  ): AsyncGenerator<AuditEvent, void, undefined> {
    yield* everyItem((cursor) => this.page({ ...query, ...(cursor ? { cursor } : {}) }, options));
  }

  /**
   * The export as a file: every matching event, oldest first, as NDJSON (the
   * default) or CSV, streamed. Resolves once the server answered (API errors throw here);
   * then read `body` — to a file, or to a `Blob` in a browser.
   *
   * @example const { fileName, body } = await client.auditEvents.export({ format: 'csv', since });
   */
  export(query: AuditExportQuery = {}, options?: RequestOptions): Promise<DownloadedFile> {
    return this.#api.download(auditRoutes.exportAuditEvents, { query }, options);
  }

  /**
   * Every matching event, oldest first, parsed from the NDJSON export as it
   * streams in (one request, however large the log; each event checked against the
   * contract). Stopping early (`break`) ends the download.
   *
   * @example for await (const event of client.auditEvents.exportEvents({ action: 'user.*', since })) archive.write(event);
   */
  async *exportEvents(
    range: AuditExportRange = {},
    options?: RequestOptions,
  ): AsyncGenerator<AuditEvent, void, undefined> {
    const query = { ...range, format: 'ndjson' as const };
    const file = await this.#api.download(auditRoutes.exportAuditEvents, { query }, options);
    yield* ndjsonRecords(file.body, auditEventSchema, file.request);
  }

  /**
   * Checks the account's audit chain (E3): `{ ok, checked, firstBrokenEventId }`, the first
   * event from which it does not hold (edited, removed or reordered) named when it fails.
   *
   * @example const { ok, firstBrokenEventId } = await client.auditEvents.verify();
   */
  verify(options?: RequestOptions): Promise<AuditVerification> {
    return this.#api.call(auditRoutes.verifyAuditEvents, {}, options);
  }
}
