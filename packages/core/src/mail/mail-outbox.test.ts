import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { failure } from '../../test/support/failure.js';
import { ManualClock } from '../../test/support/manual-clock.js';
import { type TestDatabaseKind, testDatabaseKinds } from '../../test/support/test-databases.js';
import {
  createTestSwitchboard,
  type TestSwitchboard,
} from '../../test/support/test-switchboard.js';
import type { Clock } from '../shared/clock.js';
import { silentLogger } from '../shared/logger.js';
import { operatorActor } from '../shared/operator-actor.js';
import { MailOutbox } from './mail-outbox.js';
import type { Mailer, MailMessage } from './mailer.js';
import type { EmailContent } from './templates/email-content.js';

const admin = { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' };

/** A mailer that fails its first `failures` sends, then delivers. */
function flakyMailer(failures: number): Mailer & { delivered: MailMessage[]; attempts: number } {
  const mailer = {
    delivered: [] as MailMessage[],
    attempts: 0,
    async send(message: MailMessage) {
      mailer.attempts++;
      if (mailer.attempts <= failures) throw new Error(`SMTP 451 try again (${mailer.attempts})`);
      mailer.delivered.push(message);
    },
  };
  return mailer;
}

function content(subject: string): EmailContent {
  return { template: 'test', subject, text: `${subject} (text)`, html: `<p>${subject}</p>` };
}

describe.each(testDatabaseKinds)('mail outbox on $name', (kind: TestDatabaseKind) => {
  let t: TestSwitchboard;
  afterEach(async () => {
    await t.close();
  });

  /** An outbox of its own on the test database, e.g. to enqueue in a transaction of ours. */
  function outbox(options: { mailer: Mailer; clock?: Clock; maxAttempts?: number }): MailOutbox {
    return new MailOutbox({
      db: t.sb.db,
      dialect: kind.name,
      logger: silentLogger,
      from: 'hello@switchboard.test',
      clock: options.clock ?? { now: () => new Date() },
      ...options,
    });
  }

  async function rows() {
    return t.sb.db.selectFrom('mail_outbox').selectAll().orderBy('recipient').execute();
  }

  it('never sends a message enqueued in a transaction that rolled back', async () => {
    t = await createTestSwitchboard(kind);
    const mail = outbox({ mailer: { send: async (m) => void t.sent.push(m) } });
    const error = await failure(
      t.sb.db.transaction().execute(async (trx) => {
        await mail.enqueue(trx, 'ghost@acme.test', content('Never'));
        throw new Error('the change failed after queuing its mail');
      }),
    );
    expect(error).toMatchObject({ message: 'the change failed after queuing its mail' });
    await t.sb.db.transaction().execute(async (trx) => {
      await mail.enqueue(trx, 'real@acme.test', content('Kept'));
    });
    expect(await mail.flush()).toBe(1);
    expect(await t.sb.mail.flush()).toBe(0);
    expect(t.sent.map((m) => m.to)).toEqual(['real@acme.test']);
    expect((await rows()).map((r) => r.recipient)).toEqual(['real@acme.test']);
  });

  it('sends nothing for a service call that failed (email already taken)', async () => {
    t = await createTestSwitchboard(kind);
    await t.sb.operator.createAccount(operatorActor(), { companyName: 'Acme', admin });
    await failure(t.sb.operator.createAccount(operatorActor(), { companyName: 'Other', admin }));
    await t.sb.mail.idle();
    await t.sb.mail.flush();
    expect(t.sent.map((m) => m.subject)).toEqual(['Activate your Acme account']);
    expect(await rows()).toHaveLength(1);
  });

  it('retries a failed delivery with back-off, counting attempts, and sends it exactly once', async () => {
    const clock = new ManualClock();
    const mailer = flakyMailer(2);
    t = await createTestSwitchboard(kind, { clock, mailer });
    await t.sb.operator.createAccount(operatorActor(), { companyName: 'Acme', admin });
    await t.sb.mail.idle();
    expect(mailer.delivered).toHaveLength(0);
    let [row] = await rows();
    expect(row).toMatchObject({ sent_at: null, last_error: 'SMTP 451 try again (1)' });
    expect(Number(row?.attempts)).toBe(1);

    expect(await t.sb.mail.flush()).toBe(0); // not due for 30 s
    expect(mailer.attempts).toBe(1);
    clock.advance(30_000);
    expect(await t.sb.mail.flush()).toBe(0); // second failure
    [row] = await rows();
    expect(row).toMatchObject({ sent_at: null, last_error: 'SMTP 451 try again (2)' });
    expect(Number(row?.attempts)).toBe(2);

    clock.advance(59_999);
    expect(await t.sb.mail.flush()).toBe(0); // the second back-off is a minute
    clock.advance(1);
    expect(await t.sb.mail.flush()).toBe(1);
    clock.advance(3_600_000);
    expect(await t.sb.mail.flush()).toBe(0);
    expect(mailer.attempts).toBe(3);
    expect(mailer.delivered.map((m) => m.to)).toEqual(['ada@acme.test']);
    [row] = await rows();
    expect(Number(row?.attempts)).toBe(3);
    expect(row?.last_error).toBeNull();
    expect(row?.sent_at).toBe(
      new Date(Date.parse('2026-11-23T09:00:00.000Z') + 90_000).toISOString(),
    );
  });

  it('erases the bodies of a delivered message and keeps recipient, subject and sent time', async () => {
    const clock = new ManualClock();
    t = await createTestSwitchboard(kind, { clock });
    await t.sb.operator.createAccount(operatorActor(), { companyName: 'Acme', admin });
    await t.sb.mail.idle();
    expect(t.sent).toHaveLength(1);
    expect(t.sent[0]?.text).toContain('/activate');
    expect(await rows()).toEqual([
      expect.objectContaining({
        recipient: 'ada@acme.test',
        subject: 'Activate your Acme account',
        template: 'activation',
        text_body: null,
        html_body: null,
        sent_at: clock.now().toISOString(),
        last_error: null,
      }),
    ]);
  });

  it('does not lose a message whose sender crashed mid-send: it is retried once the lease ends', async () => {
    const clock = new ManualClock();
    t = await createTestSwitchboard(kind, { clock });
    await t.sb.operator.createAccount(operatorActor(), { companyName: 'Acme', admin });
    await t.sb.mail.idle();
    t.sent.length = 0;
    // Simulate a sender that renewed its lease on the message (attempt counted) and died.
    await t.sb.db
      .updateTable('mail_outbox')
      .set({
        sent_at: null,
        text_body: 'Hello again',
        html_body: '<p>Hello again</p>',
        next_attempt_at: new Date(clock.now().getTime() + 60_000).toISOString(),
      })
      .execute();
    expect(await t.sb.mail.flush()).toBe(0);
    clock.advance(60_000);
    expect(await t.sb.mail.flush()).toBe(1);
    expect(t.sent.map((m) => m.text)).toEqual(['Hello again']);
  });

  it('no longer attempts a message that failed maxAttempts times', async () => {
    const clock = new ManualClock();
    t = await createTestSwitchboard(kind, { clock });
    const mailer = flakyMailer(Number.POSITIVE_INFINITY);
    const mail = outbox({ mailer, clock, maxAttempts: 3 });
    await mail.enqueue(t.sb.db, 'bounce@acme.test', content('Hello'));
    for (let i = 0; i < 6; i++) {
      await mail.flush();
      clock.advance(3_600_000);
    }
    expect(mailer.attempts).toBe(3);
    expect(await rows()).toEqual([
      expect.objectContaining({
        recipient: 'bounce@acme.test',
        attempts: 3,
        sent_at: null,
        last_error: 'SMTP 451 try again (3)',
      }),
    ]);
  });

  it('gives up after 8 attempts by default', async () => {
    const clock = new ManualClock();
    const mailer = flakyMailer(100);
    t = await createTestSwitchboard(kind, { clock, mailer });
    await t.sb.operator.createAccount(operatorActor(), { companyName: 'Acme', admin });
    await t.sb.mail.idle();
    for (let i = 0; i < 12; i++) {
      clock.advance(3_600_000);
      await t.sb.mail.flush();
    }
    expect(mailer.attempts).toBe(8);
  });

  it('sends each message exactly once when three instances flush the same outbox at once', async () => {
    const deliveries: { by: string; to: string }[] = [];
    /** A slow mailer (2 ms a message), so the instances' batches overlap in time. */
    const mailerOf = (by: string): Mailer => ({
      async send(message) {
        await sleep(2);
        deliveries.push({ by, to: message.to });
      },
    });
    t = await createTestSwitchboard(kind, { mailer: mailerOf('a') });
    const instances = [t.sb, await t.another({ mailer: mailerOf('b') })];
    instances.push(await t.another({ mailer: mailerOf('c') }));
    const count = 65; // more than three batches of 20
    const mail = outbox({ mailer: mailerOf('unused') });
    await t.sb.db.transaction().execute(async (trx) => {
      for (let i = 0; i < count; i++) await mail.enqueue(trx, `user${i}@acme.test`, content('Hi'));
    });
    // Connections open first, so the three first claims really start together.
    for (const sb of instances) await sb.db.selectFrom('mail_outbox').select('id').execute();
    const sentBy = await Promise.all(instances.map((sb) => sb.mail.flush()));
    expect(sentBy.reduce((a, b) => a + b, 0)).toBe(count);
    expect(deliveries).toHaveLength(count);
    expect(new Set(deliveries.map((d) => d.to)).size).toBe(count);
    // The work was really shared, not done by one instance while the others found nothing.
    expect(new Set(deliveries.map((d) => d.by)).size).toBeGreaterThan(1);
    expect((await rows()).every((r) => r.sent_at !== null)).toBe(true);
  });

  it('sends each message once when a slow batch outlasts the lease and another instance flushes meanwhile', async () => {
    const clock = new ManualClock();
    const deliveries: { by: string; to: string }[] = [];
    let sends = 0;
    // Each send takes 40 s (a tarpitting SMTP server): two of them outlast a 60 s lease.
    const slow: Mailer = {
      async send(message) {
        sends++;
        clock.advance(40_000);
        if (sends === 2) await other.mail.flush(); // another instance's timer fires meanwhile
        deliveries.push({ by: 'slow', to: message.to });
      },
    };
    t = await createTestSwitchboard(kind, { clock, mailer: slow });
    const other = await t.another({
      mailer: { send: async (m) => void deliveries.push({ by: 'other', to: m.to }) },
    });
    const mail = outbox({ mailer: slow, clock });
    await mail.enqueue(t.sb.db, 'first@acme.test', content('One'));
    await mail.enqueue(t.sb.db, 'second@acme.test', content('Two'));
    await mail.enqueue(t.sb.db, 'third@acme.test', content('Three'));
    await t.sb.mail.flush();
    await other.mail.flush();
    expect(deliveries.map((d) => d.to).sort()).toEqual([
      'first@acme.test',
      'second@acme.test',
      'third@acme.test',
    ]);
    // The third's lease ran out before the slow sender reached it and the other instance
    // took it: the slow claim was no attempt, so each message counts exactly one.
    expect(deliveries.find((d) => d.to === 'third@acme.test')?.by).toBe('other');
    const rows = await t.sb.db.selectFrom('mail_outbox').select('attempts').execute();
    expect(rows.map((row) => Number(row.attempts))).toEqual([1, 1, 1]);
  });
});
