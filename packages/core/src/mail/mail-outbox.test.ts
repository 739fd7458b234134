import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../test/support/manual-clock.js';
import { testDatabaseKinds } from '../../test/support/test-databases.js';
import {
  createTestSwitchboard,
  type TestSwitchboard,
} from '../../test/support/test-switchboard.js';
import type { Mailer, MailMessage } from './mailer.js';

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

describe.each(testDatabaseKinds)('mail outbox on $name', (kind) => {
  let t: TestSwitchboard;
  afterEach(async () => {
    await t.close();
  });

  it('sends nothing for a change that rolled back', async () => {
    t = await createTestSwitchboard(kind);
    await t.sb.operator.createAccount({ companyName: 'Acme', admin });
    // The same email again fails inside the transaction that would have queued its mail.
    await t.sb.operator.createAccount({ companyName: 'Other', admin }).catch(() => undefined);
    await t.sb.mail.idle();
    await t.sb.mail.flush();
    expect(t.sent).toHaveLength(1);
    expect(await t.sb.db.selectFrom('mail_outbox').select('id').execute()).toHaveLength(1);
  });

  it('retries a failed delivery with back-off and sends it exactly once', async () => {
    const clock = new ManualClock();
    const mailer = flakyMailer(2);
    t = await createTestSwitchboard(kind, { clock, mailer });
    await t.sb.operator.createAccount({ companyName: 'Acme', admin });
    await t.sb.mail.idle();
    expect(mailer.delivered).toHaveLength(0);
    let row = await t.sb.db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ sent_at: null, last_error: 'SMTP 451 try again (1)' });
    expect(Number(row.attempts)).toBe(1);

    expect(await t.sb.mail.flush()).toBe(0); // not due yet
    clock.advance(30_000);
    expect(await t.sb.mail.flush()).toBe(0); // second failure
    clock.advance(60_000);
    expect(await t.sb.mail.flush()).toBe(1);
    expect(await t.sb.mail.flush()).toBe(0);
    expect(mailer.delivered).toHaveLength(1);
    row = await t.sb.db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
    expect(Number(row.attempts)).toBe(3);
    expect(row.last_error).toBeNull();
    expect(row.sent_at).not.toBeNull();
    expect(row.text_body).toBeNull();
    expect(row.html_body).toBeNull();
    expect(row).toMatchObject({
      recipient: 'ada@acme.test',
      subject: 'Activate your Acme account',
      template: 'activation',
    });
  });

  it('does not lose a message whose sender crashed mid-send: it is retried once the lease ends', async () => {
    const clock = new ManualClock();
    t = await createTestSwitchboard(kind, { clock });
    await t.sb.operator.createAccount({ companyName: 'Acme', admin });
    await t.sb.mail.idle();
    t.sent.length = 0;
    // Simulate a sender that claimed the message (lease taken, attempt counted) and died.
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

  it('gives up after 8 attempts', async () => {
    const clock = new ManualClock();
    const mailer = flakyMailer(100);
    t = await createTestSwitchboard(kind, { clock, mailer });
    await t.sb.operator.createAccount({ companyName: 'Acme', admin });
    await t.sb.mail.idle();
    for (let i = 0; i < 12; i++) {
      clock.advance(3_600_000);
      await t.sb.mail.flush();
    }
    expect(mailer.attempts).toBe(8);
  });

  it('sends each message once when two instances flush the same outbox at once', async () => {
    t = await createTestSwitchboard(kind, { mailRetryIntervalSeconds: 0 });
    const other = await t.another();
    for (let i = 0; i < 30; i++) {
      await t.sb.operator.createAccount({
        companyName: `Acme ${i}`,
        admin: { ...admin, email: `admin${i}@acme.test` },
      });
    }
    await t.sb.mail.idle();
    t.sent.length = 0;
    await t.sb.db
      .updateTable('mail_outbox')
      .set({
        sent_at: null,
        attempts: 0,
        text_body: 'again',
        html_body: 'again',
        next_attempt_at: new Date(0).toISOString(),
      })
      .execute();
    const [a, b] = await Promise.all([t.sb.mail.flush(), other.mail.flush()]);
    expect((a ?? 0) + (b ?? 0)).toBe(30);
    expect(new Set(t.sent.map((m) => m.to)).size).toBe(30);
    expect(t.sent).toHaveLength(30);
  });
});
