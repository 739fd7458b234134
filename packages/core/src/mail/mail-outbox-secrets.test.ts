import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestDatabaseKind, testDatabaseKinds } from '../../test/support/test-databases.js';
import {
  createTestSwitchboard,
  type TestSwitchboard,
} from '../../test/support/test-switchboard.js';
import { keyRingFromString, newKeyRingEntry } from '../integrations/key-ring.js';
import { silentLogger } from '../shared/logger.js';
import { MailOutbox } from './mail-outbox.js';
import type { Mailer, MailMessage } from './mailer.js';
import { activationEmail } from './templates/activation-email.js';
import { signInCodeEmail } from './templates/sign-in-code-email.js';

/** A fresh activation token and sign-in code, and how each would read if stored in clear. */
function secrets() {
  const token = randomBytes(32).toString('base64url');
  const code = String(100_000 + (randomBytes(4).readUInt32BE() % 900_000));
  return {
    token,
    code,
    // The code is matched with its words around it: six digits alone may occur by chance.
    readable: [token, `code is ${code}`, `code: ${code}`, `>${code}<`],
  };
}

describe.each(testDatabaseKinds)(
  'secrets in the mail outbox on $name (item 11)',
  (kind: TestDatabaseKind) => {
    let t: TestSwitchboard;
    afterEach(async () => {
      await t.close();
    });

    /** Everything the database keeps at rest, as text: the SQLite files, or a dump of every table. */
    async function atRest(): Promise<string> {
      const file = t.database.file;
      if (file) {
        const parts = await Promise.all(
          [file, `${file}-wal`].map((path) => readFile(path).catch(() => Buffer.alloc(0))),
        );
        return Buffer.concat(parts).toString('latin1');
      }
      const tables = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
       where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(t.sb.db);
      const dumped: string[] = [];
      for (const { name } of tables.rows) {
        const rows = await sql<{
          row: string;
        }>`select t::text as row from ${sql.table(name)} t`.execute(t.sb.db);
        dumped.push(...rows.rows.map((r) => r.row));
      }
      return dumped.join('\n');
    }

    async function expectNoneReadable(readable: string[], when: string): Promise<void> {
      const stored = await atRest();
      for (const secret of readable)
        expect(stored.includes(secret), `${secret} ${when}`).toBe(false);
    }

    /** An outbox on the test database whose mailer checks the database in the middle of sending. */
    function outbox(options: { keyRing?: string; readable: string[] }) {
      const delivered: MailMessage[] = [];
      const mailer: Mailer = {
        async send(message) {
          await expectNoneReadable(options.readable, 'while it is being sent');
          delivered.push(message);
        },
      };
      const mail = new MailOutbox({
        db: t.sb.db,
        dialect: kind.name,
        logger: silentLogger,
        from: 'hello@switchboard.test',
        clock: { now: () => new Date() },
        mailer,
        ...(options.keyRing ? { keyRing: keyRingFromString(options.keyRing) } : {}),
      });
      return { mail, delivered };
    }

    async function enqueueBoth(mail: MailOutbox, token: string, code: string): Promise<void> {
      await t.sb.db.transaction().execute(async (trx) => {
        const link = `https://admin.example.test/activate?token=${token}`;
        await mail.enqueue(
          trx,
          'grace@acme.test',
          activationEmail({ firstName: 'Grace', companyName: 'Acme', link }),
        );
        await mail.enqueue(trx, 'ada@acme.test', signInCodeEmail({ firstName: 'Ada', code }));
      });
    }

    it('never stores a live link or sign-in code in clear with a key ring: queued, sending or sent', async () => {
      t = await createTestSwitchboard(kind);
      const { token, code, readable } = secrets();
      const { mail, delivered } = outbox({ keyRing: newKeyRingEntry('k1'), readable });
      await enqueueBoth(mail, token, code);
      await expectNoneReadable(readable, 'while queued');
      const queued = await t.sb.db
        .selectFrom('mail_outbox')
        .select(['subject', 'text_body', 'html_body', 'sealed_content', 'key_id'])
        .orderBy('recipient')
        .execute();
      expect(queued).toEqual([
        expect.objectContaining({ subject: 'Your sign-in code', text_body: null, key_id: 'k1' }),
        expect.objectContaining({ subject: 'Activate your Acme account', html_body: null }),
      ]);

      expect(await mail.flush()).toBe(2);
      await expectNoneReadable(readable, 'once sent');
      // What was sent is whole: the link, and the code in the subject (the message was sealed).
      const byRecipient = new Map(delivered.map((m) => [m.to, m]));
      expect(byRecipient.get('grace@acme.test')?.text).toContain(token);
      expect(byRecipient.get('ada@acme.test')?.subject).toBe(`Your sign-in code: ${code}`);
      const sent = await t.sb.db.selectFrom('mail_outbox').selectAll().execute();
      expect(sent.every((row) => row.sealed_content === null && row.sent_at !== null)).toBe(true);
    });

    it('without a key ring leaves the code out of the subject and erases the text once sent, from the files too', async () => {
      t = await createTestSwitchboard(kind);
      const { token, code, readable } = secrets();
      const { mail, delivered } = outbox({ readable: [] });
      await enqueueBoth(mail, token, code);
      expect(await mail.flush()).toBe(2);
      const signIn = delivered.find((m) => m.to === 'ada@acme.test');
      expect(signIn?.subject).toBe('Your sign-in code');
      expect(signIn?.text).toContain(`code is ${code}`);
      // Erased, and on SQLite overwritten (secure_delete) and checkpointed out of the -wal.
      await expectNoneReadable(readable, 'once sent without a key ring');
    });

    it('does not send a sealed message whose content was moved to another row', async () => {
      t = await createTestSwitchboard(kind);
      const { token, code } = secrets();
      const { mail, delivered } = outbox({ keyRing: newKeyRingEntry('k1'), readable: [] });
      await enqueueBoth(mail, token, code);
      const rows = await t.sb.db
        .selectFrom('mail_outbox')
        .select(['id', 'sealed_content'])
        .orderBy('recipient')
        .execute();
      // The sign-in code's sealed content, copied over the activation email's row.
      await t.sb.db
        .updateTable('mail_outbox')
        .set({ sealed_content: rows[0]?.sealed_content ?? null })
        .where('id', '=', rows[1]?.id as string)
        .execute();
      expect(await mail.flush()).toBe(1);
      expect(delivered.map((m) => m.to)).toEqual(['ada@acme.test']);
      const moved = await t.sb.db
        .selectFrom('mail_outbox')
        .select(['sent_at', 'last_error'])
        .where('id', '=', rows[1]?.id as string)
        .executeTakeFirstOrThrow();
      expect(moved).toMatchObject({ sent_at: null, last_error: expect.stringMatching(/k1/) });
    });
  },
);
