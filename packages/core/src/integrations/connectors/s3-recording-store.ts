import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';

/** A stored call recording. */
export interface RecordingObject {
  key: string;
  size: number;
  lastModified: string | null;
}

/**
 * Call recordings in one S3 bucket, under `recordings/<callId>/<recordingId>` (S3 is for
 * call recordings only).
 */
export interface RecordingStore {
  /** Uploads a recording from a stream or bytes (multipart for large streams). Returns its key. */
  put(input: {
    callId: string;
    recordingId: string;
    body: Readable | Uint8Array;
    contentType?: string;
  }): Promise<string>;
  /** The recording's bytes, or null when there is none. */
  get(callId: string, recordingId: string): Promise<Uint8Array | null>;
  /** The recordings of one call. */
  listByCall(callId: string): Promise<RecordingObject[]>;
  /** Deletes a recording; deleting a missing one is fine. */
  delete(callId: string, recordingId: string): Promise<void>;
}

const segment = (value: string, what: string) => {
  if (!/^[\w.-]{1,200}$/.test(value))
    throw new Error(`${what} may hold letters, digits, ".", "_" and "-" only`);
  return value;
};

export function s3RecordingStore(client: S3Client, bucket: string): RecordingStore {
  const key = (callId: string, recordingId: string) =>
    `recordings/${segment(callId, 'callId')}/${segment(recordingId, 'recordingId')}`;
  return {
    async put({ callId, recordingId, body, contentType }) {
      const objectKey = key(callId, recordingId);
      const { Upload } = await import('@aws-sdk/lib-storage');
      await new Upload({
        client,
        params: {
          Bucket: bucket,
          Key: objectKey,
          Body: body,
          ContentType: contentType ?? 'audio/wav',
        },
      }).done();
      return objectKey;
    },
    async get(callId, recordingId) {
      const { GetObjectCommand, NoSuchKey } = await import('@aws-sdk/client-s3');
      try {
        const object = await client.send(
          new GetObjectCommand({ Bucket: bucket, Key: key(callId, recordingId) }),
        );
        return object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey')
          return null;
        throw error;
      }
    },
    async listByCall(callId) {
      const { ListObjectsV2Command } = await import('@aws-sdk/client-s3');
      const objects: RecordingObject[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({
            Bucket: bucket,
            Prefix: `recordings/${segment(callId, 'callId')}/`,
            ContinuationToken: token,
          }),
        );
        for (const object of page.Contents ?? []) {
          objects.push({
            key: object.Key ?? '',
            size: object.Size ?? 0,
            lastModified: object.LastModified?.toISOString() ?? null,
          });
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return objects;
    },
    async delete(callId, recordingId) {
      const { DeleteObjectCommand } = await import('@aws-sdk/client-s3');
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key(callId, recordingId) }));
    },
  };
}
