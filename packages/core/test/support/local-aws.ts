import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dynalite from 'dynalite';
import S3rver from 's3rver';

/** s3rver and dynalite on loopback, for real AWS SDK calls in tests. */
export interface LocalAws {
  s3Endpoint: string;
  dynamoEndpoint: string;
  stop(): Promise<void>;
}

export async function startLocalAws(): Promise<LocalAws> {
  const directory = await mkdtemp(join(tmpdir(), 'switchboard-s3-'));
  const s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory });
  const s3Address = (await s3.run()) as AddressInfo;
  const dynamo = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => dynamo.listen(0, '127.0.0.1', resolve));
  const dynamoPort = (dynamo.address() as AddressInfo).port;
  return {
    s3Endpoint: `http://127.0.0.1:${s3Address.port}`,
    dynamoEndpoint: `http://127.0.0.1:${dynamoPort}`,
    async stop() {
      await s3.close();
      await new Promise<void>((resolve) => dynamo.close(() => resolve()));
      await rm(directory, { recursive: true, force: true });
    },
  };
}
