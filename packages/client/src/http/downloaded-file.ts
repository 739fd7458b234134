import { ConnectionError } from '../errors/connection-error.js';
import type { RequestInfo } from '../errors/switchboard-api-error.js';
import { abortable } from './abortable.js';

/**
 * A file the API answered with (an export), as it arrives: its name and media type from
 * the answer's headers, and its bytes as a web stream, read only as fast as you read it.
 *
 * @example
 * const file = await client.auditEvents.export({ format: 'csv' });
 * await pipeline(Readable.fromWeb(file.body), createWriteStream(file.fileName));
 */
export interface DownloadedFile {
  /** From `Content-Disposition` (`audit-events-acc_….csv`); `download` when it names none. */
  fileName: string;
  /** The answer's `Content-Type`, e.g. `text/csv; charset=utf-8`. */
  contentType: string;
  /**
   * The bytes. Read it once, to its end or cancel it (`body.cancel()`), so the server stops.
   * A file cut short errors the stream with `ConnectionError`; an aborted call's `signal`
   * errors it with the signal's reason.
   */
  body: ReadableStream<Uint8Array>;
  /** The request it answers (method and URL), as errors carry it. */
  request: RequestInfo;
}

/**
 * The file name a `Content-Disposition` header gives (`filename*=UTF-8''…` first, then
 * `filename="…"`), or undefined.
 *
 * @example fileNameOf('attachment; filename="audit-events-acc_1.csv"') // 'audit-events-acc_1.csv'
 */
export function fileNameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const encoded = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded.trim());
    } catch {
      // Not percent-encoding after all: fall back to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/.exec(disposition);
  const name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2];
  return name || undefined;
}

/**
 * The body of a file answer, re-streamed so that a read failure becomes a
 * `ConnectionError` (or the signal's reason once `signal` aborted — also with a `fetch`
 * that ignores signals), and nothing is read before the consumer asks for it.
 */
function guardedBody(
  body: ReadableStream<Uint8Array> | null,
  request: RequestInfo,
  signal: AbortSignal | undefined,
): ReadableStream<Uint8Array> {
  const reader = body?.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!reader) return controller.close();
        try {
          const next = await abortable(reader.read(), signal);
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        } catch (error) {
          reader.cancel(error).catch(() => undefined);
          controller.error(signal?.aborted ? signal.reason : new ConnectionError(request, error));
        }
      },
      async cancel(reason) {
        await reader?.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/** A 2xx file answer as a `DownloadedFile`. */
export function downloadedFile(
  response: Response,
  request: RequestInfo,
  signal: AbortSignal | undefined,
): DownloadedFile {
  return {
    fileName: fileNameOf(response.headers.get('content-disposition')) ?? 'download',
    contentType: response.headers.get('content-type') ?? 'application/octet-stream',
    body: guardedBody(response.body, request, signal),
    request,
  };
}
