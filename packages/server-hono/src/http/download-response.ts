import type { Context } from 'hono';

/** A file to stream: its media type, its name, and its text chunk by chunk. */
export interface Download {
  contentType: string;
  fileName: string;
  chunks: AsyncIterable<string>;
}

/**
 * Streams a file as an attachment (`Content-Disposition: attachment`). The next chunk is
 * produced only when the stream is read — the Node server reads on once the socket has
 * drained — so a slow client holds back the producer instead of filling memory; a client
 * that goes away ends the producer. A failure mid-stream cuts the answer short (its status
 * was sent), which the caller sees as a truncated file.
 *
 * @example return downloadResponse(c, await switchboard.audit.export(actor(), query));
 */
export function downloadResponse(c: Context, file: Download): Response {
  const chunks = file.chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          controller.error(error);
        }
      },
      async cancel() {
        await chunks.return?.();
      },
    },
    // Nothing is read ahead of the consumer.
    { highWaterMark: 0 },
  );
  return c.body(body, 200, {
    'content-type': `${file.contentType}; charset=utf-8`,
    'content-disposition': `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`,
  });
}
