import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failure } from '../../test/support/failure.js';
import { type LocalAws, startLocalAws } from '../../test/support/local-aws.js';
import { testDatabaseKinds } from '../../test/support/test-databases.js';
import {
  createTestSwitchboard,
  type TestSwitchboard,
} from '../../test/support/test-switchboard.js';
import { isSwitchboardError } from '../errors/switchboard-error.js';
import type { Actor } from '../shared/actor.js';
import { operatorActor } from '../shared/operator-actor.js';
import { keyRingFromString, newKeyRingEntry } from './key-ring.js';

const awsKey = 'AKIAIOSFODNN7EXAMPLE';
const awsSecret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const emulatorSecret = 'emulator-secret-value-0123456789';
const keys = `${newKeyRingEntry('k1')}`;

let aws: LocalAws;
beforeAll(async () => {
  aws = await startLocalAws();
});
afterAll(async () => {
  await aws.stop();
});

describe.each(testDatabaseKinds)('integrations on $name', (kind) => {
  let t: TestSwitchboard;
  let admin: Actor;
  let member: Actor;
  const responses: unknown[] = [];
  const logLines: string[] = [];
  const capture = (message: string, fields?: Record<string, unknown>) =>
    void logLines.push(`${message} ${JSON.stringify(fields ?? {})}`);

  const s3Input = (name = 'Recordings') => ({
    service: 's3' as const,
    name,
    key: 'S3RVER',
    secret: emulatorSecret,
    endpoint: aws.s3Endpoint,
  });
  const dynamoInput = (name = 'Call data') => ({
    service: 'dynamodb' as const,
    name,
    key: 'local',
    secret: emulatorSecret,
    region: 'us-east-1' as const,
    endpoint: aws.dynamoEndpoint,
  });

  beforeEach(async () => {
    t = await createTestSwitchboard(kind, {
      secretKeys: keys,
      integrationTimeoutMs: 3_000,
      logger: { info: capture, warn: capture, error: capture },
    });
    const created = await t.sb.operator.createAccount(operatorActor(), {
      companyName: 'Acme',
      admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' },
    });
    admin = await t.sb.identity.actorFor(created.admin.id);
    member = await t.sb.identity.actorFor(
      (await t.sb.users.add(admin, { firstName: 'G', lastName: 'H', email: 'g@acme.test' })).id,
    );
  });
  afterEach(async () => {
    await t.close();
  });

  describe('integrations.add (I1, I5)', () => {
    it('verifies S3 and DynamoDB credentials against the service and shows only non-secret details', async () => {
      const s3 = await t.sb.integrations.add(admin, s3Input());
      const dynamo = await t.sb.integrations.add(admin, dynamoInput());
      responses.push(s3, dynamo);
      expect(s3).toMatchObject({
        service: 's3',
        name: 'Recordings',
        details: { keyHint: '…', endpoint: aws.s3Endpoint },
      });
      expect(s3.status).toMatchObject({ state: 'ok', checkedAt: expect.any(String) });
      // Emulator keys are too short to show any of them.
      expect(dynamo.details).toEqual({
        keyHint: '…',
        region: 'us-east-1',
        endpoint: aws.dynamoEndpoint,
      });
      expect(JSON.stringify([s3, dynamo])).not.toContain(emulatorSecret);
    });

    it('refuses credentials the service rejects or cannot be reached with: 422 with the reason, nothing stored', async () => {
      const error = await failure(
        t.sb.integrations.add(admin, { ...s3Input(), endpoint: 'http://127.0.0.1:1' }),
      );
      expect(isSwitchboardError(error, 'integration_unreachable')).toBe(true);
      expect((error as Error).message).not.toContain(emulatorSecret);
      expect(await t.sb.integrations.list(admin)).toEqual([]);
    });

    it('says whether the service could not be reached or refused the credentials (I5)', async () => {
      const unreachable = await failure(
        t.sb.integrations.add(admin, { ...s3Input(), endpoint: 'http://127.0.0.1:1' }),
      );
      expect((unreachable as Error).message).toMatch(
        /^Amazon S3 \(call recordings\): The service could not be reached: .*ECONNREFUSED/,
      );
      const unknownHost = await failure(
        t.sb.integrations.add(admin, { ...dynamoInput(), endpoint: 'http://s3.invalid' }),
      );
      expect((unknownHost as Error).message).toMatch(
        /could not be reached: .*(ENOTFOUND|EAI_AGAIN)/,
      );
      // s3rver knows one key id only; it answers 403 InvalidAccessKeyId to any other.
      const refused = await failure(
        t.sb.integrations.add(admin, { ...s3Input(), key: 'NOT-S3RVER' }),
      );
      expect(isSwitchboardError(refused, 'integration_unreachable')).toBe(true);
      expect((refused as Error).message).toMatch(
        /The service refused the credentials: InvalidAccessKeyId/,
      );
    });

    it('shows a failed check’s own words to admins only; members see the state and a summary (I5)', async () => {
      const added = await t.sb.integrations.add(
        admin,
        { ...s3Input(), key: 'NOT-S3RVER' },
        { verify: false },
      );
      expect(await t.sb.integrations.test(admin, added.id)).toEqual({
        ok: false,
        reason: expect.stringMatching(/^The service refused the credentials: InvalidAccessKeyId/),
      });
      expect((await t.sb.integrations.get(member, added.id)).status).toEqual({
        state: 'failing',
        checkedAt: expect.any(String),
        reason: 'The service refused the credentials',
      });
      expect((await t.sb.integrations.get(admin, added.id)).status.reason).toMatch(
        /InvalidAccessKeyId/,
      );
    });

    it('enforces AWS key formats when no custom endpoint is given', async () => {
      const error = await failure(
        t.sb.integrations.add(admin, { service: 's3', name: 'S3', key: 'nope', secret: 'short' }),
      );
      expect(isSwitchboardError(error, 'validation_failed')).toBe(true);
      expect((error as { issues: { path: string }[] }).issues.map((i) => i.path).sort()).toEqual([
        'key',
        'secret',
      ]);
      const region = await failure(
        t.sb.integrations.add(admin, { ...dynamoInput(), region: 'mars-1' as never }),
      );
      expect(isSwitchboardError(region, 'validation_failed')).toBe(true);
    });

    it('stores without checking when told not to, and tests later, keeping the result', async () => {
      const added = await t.sb.integrations.add(
        admin,
        {
          service: 's3',
          name: 'Later',
          key: awsKey,
          secret: awsSecret,
          endpoint: 'http://127.0.0.1:1',
        },
        { verify: false },
      );
      expect(added.status).toEqual({ state: 'unchecked', checkedAt: null });
      const result = await t.sb.integrations.test(admin, added.id);
      expect(result.ok).toBe(false);
      const after = await t.sb.integrations.get(admin, added.id);
      expect(after.status).toMatchObject({ state: 'failing', reason: expect.any(String) });
      expect(after.status.reason).not.toContain(awsSecret);
      responses.push(added, after, result);
    });

    it('keeps names unique within an account, whatever their case (integration_name_taken)', async () => {
      await t.sb.integrations.add(admin, s3Input('Recordings'));
      const error = await failure(t.sb.integrations.add(admin, s3Input(' recordings ')));
      expect(isSwitchboardError(error, 'integration_name_taken')).toBe(true);
      const other = await t.sb.operator.createAccount(operatorActor(), {
        companyName: 'Globex',
        admin: { firstName: 'H', lastName: 'S', email: 'h@globex.test' },
      });
      await expect(
        t.sb.integrations.add(await t.sb.identity.actorFor(other.admin.id), s3Input('Recordings')),
      ).resolves.toBeDefined();
    });
  });

  describe('editing (I3)', () => {
    it('changes name and description only; a config field refuses the whole request', async () => {
      const added = await t.sb.integrations.add(admin, s3Input());
      const renamed = await t.sb.integrations.update(admin, added.id, {
        name: 'Call recordings',
        description: 'All calls',
      });
      expect(renamed).toMatchObject({
        name: 'Call recordings',
        description: 'All calls',
        details: added.details,
      });
      for (const field of ['secret', 'key', 'endpoint', 'region', 'config', 'service']) {
        const error = await failure(
          t.sb.integrations.update(admin, added.id, { name: 'Changed', [field]: 'x' } as never),
        );
        expect(isSwitchboardError(error, 'integration_config_immutable')).toBe(true);
      }
      expect((await t.sb.integrations.get(admin, added.id)).name).toBe('Call recordings');
    });
  });

  describe('access (I2)', () => {
    it('lets every user read, only admins write', async () => {
      const added = await t.sb.integrations.add(admin, s3Input());
      expect((await t.sb.integrations.list(member)).map((i) => i.id)).toEqual([added.id]);
      expect((await t.sb.integrations.get(member, added.id)).id).toBe(added.id);
      for (const call of [
        () => t.sb.integrations.add(member, s3Input('Other')),
        () => t.sb.integrations.update(member, added.id, { name: 'x' }),
        () => t.sb.integrations.delete(member, added.id),
        () => t.sb.integrations.test(member, added.id),
      ]) {
        expect(isSwitchboardError(await failure(call()), 'forbidden')).toBe(true);
      }
      await t.sb.integrations.delete(admin, added.id);
      expect(await t.sb.integrations.list(member)).toEqual([]);
    });
  });

  describe('connectors (I6)', () => {
    it('stores, lists, reads and deletes call recordings in S3 from a stream', async () => {
      const s3 = new S3Client({
        region: 'us-east-1',
        endpoint: aws.s3Endpoint,
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      });
      const bucket = `calls-${kind.name}-${Date.now()}`;
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
      s3.destroy();
      const added = await t.sb.integrations.add(admin, s3Input());
      const connector = await t.sb.integrations.open(member, added.id);
      if (connector.service !== 's3') throw new Error('expected s3');
      const store = connector.recordings(bucket);
      const audio = Buffer.alloc(256 * 1024, 7);
      await store.put({
        callId: 'call-1',
        recordingId: 'part-1',
        body: Readable.from([audio.subarray(0, 1000), audio.subarray(1000)]),
      });
      await store.put({ callId: 'call-1', recordingId: 'part-2', body: Buffer.from('second') });
      expect((await store.listByCall('call-1')).map((o) => o.key).sort()).toEqual([
        'recordings/call-1/part-1',
        'recordings/call-1/part-2',
      ]);
      expect(Buffer.from((await store.get('call-1', 'part-1')) ?? []).equals(audio)).toBe(true);
      await store.delete('call-1', 'part-1');
      expect(await store.get('call-1', 'part-1')).toBeNull();
      await connector.close();
    });

    it('gets, puts, queries, updates and deletes DynamoDB items as plain objects', async () => {
      const dynamo = new DynamoDBClient({
        region: 'us-east-1',
        endpoint: aws.dynamoEndpoint,
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      });
      const table = `calls_${kind.name}_${Date.now()}`;
      await dynamo.send(
        new CreateTableCommand({
          TableName: table,
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          AttributeDefinitions: [
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: 'sk', AttributeType: 'S' },
          ],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      dynamo.destroy();
      const added = await t.sb.integrations.add(admin, dynamoInput());
      const connector = await t.sb.integrations.open(member, added.id);
      if (connector.service !== 'dynamodb') throw new Error('expected dynamodb');
      const calls = await connector.table(table);
      await calls.put({ pk: 'caller#1', sk: '2026-11-23T10:00', minutes: 3, tags: ['vip'] });
      await calls.put({ pk: 'caller#1', sk: '2026-11-23T11:00', minutes: 5 });
      expect(await calls.get({ pk: 'caller#1', sk: '2026-11-23T10:00' })).toEqual({
        pk: 'caller#1',
        sk: '2026-11-23T10:00',
        minutes: 3,
        tags: ['vip'],
      });
      expect(
        (await calls.query({ keyCondition: 'pk = :pk', values: { ':pk': 'caller#1' } })).map(
          (i) => i.minutes,
        ),
      ).toEqual([3, 5]);
      expect(
        await calls.update({ pk: 'caller#1', sk: '2026-11-23T11:00' }, { minutes: 6 }),
      ).toMatchObject({ minutes: 6 });
      await calls.delete({ pk: 'caller#1', sk: '2026-11-23T10:00' });
      expect(await calls.get({ pk: 'caller#1', sk: '2026-11-23T10:00' })).toBeNull();
      await connector.close();
    });
  });

  describe('secrets at rest (I4)', () => {
    it('re-seals every row under the newest key, so the old key can be retired', async () => {
      for (let i = 0; i < 130; i++) {
        await t.sb.integrations.add(
          admin,
          { ...s3Input(`S3 ${i}`), secret: `${emulatorSecret}-${i}` },
          { verify: false },
        );
      }
      const k2 = newKeyRingEntry('k2');
      const rotating = await t.another({ secretKeys: `${k2},${keys}` });
      const progress: number[] = [];
      expect(
        await rotating.integrations.rotateKeys(operatorActor(), {
          onProgress: (done) => progress.push(done),
        }),
      ).toBe(130);
      expect(progress).toEqual([0, 100, 130]);
      // Each re-sealed integration is the operator's change in its account's log (E1).
      const query = { action: 'integration.resealed', limit: 100 } as const;
      const page = await t.sb.audit.list(admin, query);
      const next = page.nextCursor ? { cursor: page.nextCursor } : {};
      const rest = await t.sb.audit.list(admin, { ...query, ...next });
      const resealed = [...page.data, ...rest.data];
      expect(resealed).toHaveLength(130);
      expect(resealed[0]?.actor.type).toBe('operator');
      const rows = await t.sb.db.selectFrom('integrations').select('key_id').execute();
      expect(new Set(rows.map((r) => r.key_id))).toEqual(new Set(['k2']));
      const retired = await t.another({ secretKeys: k2 });
      const first = (await retired.integrations.list(admin))[0];
      const connector = await retired.integrations.open(admin, first?.id ?? '');
      await connector.close();
      // The old ring alone can no longer open them, and says which key it lacks.
      const error = await failure(t.sb.integrations.open(admin, first?.id ?? ''));
      expect((error as Error).message).toContain('key "k2"');
    });

    it('lets only the operator or Switchboard itself rotate keys: an admin gets forbidden (I4)', async () => {
      await t.sb.integrations.add(admin, s3Input('S3'), { verify: false });
      const k2 = newKeyRingEntry('k2');
      const rotating = await t.another({ secretKeys: `${k2},${keys}` });
      const error = await failure(rotating.integrations.rotateKeys(admin as never));
      expect(isSwitchboardError(error, 'forbidden')).toBe(true);
      const keyIds = async () =>
        (await t.sb.db.selectFrom('integrations').select('key_id').execute()).map((r) => r.key_id);
      expect(await keyIds()).toEqual(['k1']);
      expect(await rotating.integrations.rotateKeys({ type: 'system' })).toBe(1);
      expect(await keyIds()).toEqual(['k2']);
      const resealed = (await t.sb.audit.list(admin)).data.filter(
        (e) => e.action === 'integration.resealed',
      );
      expect(resealed.map((e) => e.actor.type)).toEqual(['system']);
    });

    it('refuses a ciphertext copied onto another row', async () => {
      const a = await t.sb.integrations.add(admin, s3Input('A'), { verify: false });
      const b = await t.sb.integrations.add(admin, s3Input('B'), { verify: false });
      const sealedA = await t.sb.db
        .selectFrom('integrations')
        .select(['sealed_config', 'key_id'])
        .where('id', '=', a.id)
        .executeTakeFirstOrThrow();
      await t.sb.db.updateTable('integrations').set(sealedA).where('id', '=', b.id).execute();
      const error = await failure(t.sb.integrations.open(admin, b.id));
      expect((error as Error).message).toMatch(/belongs to another row/);
    });

    // Runs last in this suite: it scans every response and log line the suite collected.
    it('keeps every secret out of responses, log lines, audit events and the database file', async () => {
      const added = await t.sb.integrations.add(admin, s3Input());
      await t.sb.integrations.add(
        admin,
        { service: 's3', name: 'Unchecked', key: awsKey, secret: awsSecret },
        { verify: false },
      );
      const { data: events } = await t.sb.audit.list(admin);
      responses.push(added, events, await t.sb.integrations.list(admin));
      const text = JSON.stringify(responses) + logLines.join('\n');
      for (const secret of [emulatorSecret, awsSecret]) expect(text).not.toContain(secret);
      if (kind.name === 'sqlite') {
        await t.sb.close();
        const file = t.database.file ?? '';
        const bytes = Buffer.concat([
          await readFile(file),
          await readFile(`${file}-wal`).catch(() => Buffer.alloc(0)),
        ]);
        for (const secret of [emulatorSecret, awsSecret])
          expect(bytes.includes(Buffer.from(secret))).toBe(false);
        expect(bytes.includes(Buffer.from('AKIAIOSFODNN7EXAMPLE'))).toBe(false);
      } else {
        const rows = await t.sb.db.selectFrom('integrations').selectAll().execute();
        for (const secret of [emulatorSecret, awsSecret])
          expect(JSON.stringify(rows)).not.toContain(secret);
      }
    });
  });
});

describe('keyRingFromString with the service (I4)', () => {
  it('is what integrations use when given as a string', () => {
    expect(keyRingFromString(keys).currentKeyId).toBe('k1');
  });
});
