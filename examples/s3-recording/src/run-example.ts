import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import {
  createSwitchboard,
  newKeyRingEntry,
  operatorActor,
  silentLogger,
  sqlite,
} from '@switchboard/core';
import S3rver from 's3rver';
import { wavTone } from './wav-tone.ts';

/** An S3 endpoint: yours (S3_ENDPOINT, S3_KEY, S3_SECRET, S3_BUCKET), or a local emulator. */
async function s3Target() {
  if (process.env.S3_ENDPOINT) {
    return {
      endpoint: process.env.S3_ENDPOINT,
      key: process.env.S3_KEY ?? '',
      secret: process.env.S3_SECRET ?? '',
      bucket: process.env.S3_BUCKET ?? 'call-recordings',
      stop: async () => {},
    };
  }
  const directory = await mkdtemp(join(tmpdir(), 's3-example-'));
  const emulator = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory });
  const { port } = (await emulator.run()) as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const admin = new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  await admin.send(new CreateBucketCommand({ Bucket: 'call-recordings' }));
  admin.destroy();
  return {
    endpoint,
    key: 'S3RVER',
    secret: 'S3RVER',
    bucket: 'call-recordings',
    stop: async () => {
      await emulator.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/**
 * An admin adds an S3 integration (its credentials checked and sealed), then any user of
 * the account stores a call recording through it, streamed, and reads it back.
 */
export async function runExample(log: (line: string) => void = console.log) {
  const target = await s3Target();
  const sb = createSwitchboard({
    database: sqlite(':memory:'),
    secretKeys: newKeyRingEntry('example'),
    mailer: { send: async () => {} },
    logger: silentLogger,
  });
  try {
    await sb.migrate();
    const { admin } = await sb.operator.createAccount(operatorActor(), {
      companyName: 'Acme Telecom',
      admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.example' },
    });
    const actor = await sb.identity.actorFor(admin.id);

    const integration = await sb.integrations.add(actor, {
      service: 's3',
      name: 'Call recordings',
      key: target.key,
      secret: target.secret,
      endpoint: target.endpoint,
      description: 'Where the IVR keeps recordings',
    });
    log(
      `Added "${integration.name}": ${JSON.stringify(integration.details)}, status ${integration.status.state}`,
    );

    const connector = await sb.integrations.open(actor, integration.id);
    if (connector.service !== 's3') throw new Error('expected an S3 integration');
    const recordings = connector.recordings(target.bucket);
    const wav = wavTone(2);
    // Stream it in chunks, as a telephony server would while the call is recorded.
    const chunks = Array.from({ length: Math.ceil(wav.length / 4096) }, (_, i) =>
      wav.subarray(i * 4096, (i + 1) * 4096),
    );
    const key = await recordings.put({
      callId: 'call-20261123-0001',
      recordingId: 'full',
      body: Readable.from(chunks),
      contentType: 'audio/wav',
    });
    log(`Stored ${wav.length} bytes at s3://${target.bucket}/${key}`);

    const listed = await recordings.listByCall('call-20261123-0001');
    log(`Recordings of the call: ${listed.map((r) => `${r.key} (${r.size} bytes)`).join(', ')}`);
    const back = await recordings.get('call-20261123-0001', 'full');
    log(`Read back ${back?.length ?? 0} bytes, identical: ${Buffer.from(back ?? []).equals(wav)}`);
    await connector.close();
    return { stored: wav, readBack: back, listed };
  } finally {
    await sb.close();
    await target.stop();
  }
}
