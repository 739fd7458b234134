import { type Kysely, sql } from 'kysely';
import type { Database, Executor } from '../db/database.js';
import type { DialectName } from '../db/dialect-name.js';
import { preparedQuery } from '../db/prepared-query.js';
import type { KeyRing } from '../integrations/index.js';
import { BackgroundRounds } from '../shared/background-rounds.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { Logger } from '../shared/logger.js';
import type { Mailer } from './mailer.js';
import type { EmailContent } from './templates/email-content.js';

export interface MailOutboxOptions {
  db: Kysely<Database>;
  dialect: DialectName;
  mailer: Mailer;
  clock: Clock;
  logger: Logger;
  /** Sender of every automated email. */
  from: string;
  /** Most delivery attempts per message. Default 8. */
  maxAttempts?: number;
  /**
   * Seals each message (subject, text, HTML) until it is sent, so no emailed link or code
   * is stored in clear. Without one, bodies are kept in clear until sent, and a sign-in
   * code is left out of the subject.
   */
  keyRing?: KeyRing;
}

/** What a sealed message holds. */
interface SealedContent {
  subject: string;
  text: string;
  html: string;
}

/** The associated data that binds a sealed message to its row. */
const sealContext = (id: string) => `mail_outbox:${id}`;

/** How long a claimed message is kept from other senders while one sends it. */
const leaseMs = 60_000;
const batchSize = 20;

// The statements every message goes through, compiled once.
const insertMessage = preparedQuery(
  (
    db: Executor,
    id: string,
    recipient: string,
    subject: string,
    text: string | null,
    html: string | null,
    sealed: string | null,
    keyId: string | null,
    template: string,
    now: string,
  ) =>
    db.insertInto('mail_outbox').values({
      id,
      recipient,
      subject,
      text_body: text,
      html_body: html,
      sealed_content: sealed,
      key_id: keyId,
      template,
      next_attempt_at: now,
      sent_at: null,
      last_error: null,
      created_at: now,
    }),
);

const dueMessages = (db: Executor, now: string, maxAttempts: number, limit: number) =>
  db
    .selectFrom('mail_outbox')
    .select([
      'id',
      'recipient',
      'subject',
      'text_body',
      'html_body',
      'sealed_content',
      'key_id',
      'attempts',
    ])
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '<=', now)
    .where('attempts', '<', maxAttempts)
    .orderBy('next_attempt_at')
    .limit(limit);
const dueQuery = preparedQuery(dueMessages);
const dueForUpdateQuery = preparedQuery(
  (db: Executor, now: string, maxAttempts: number, limit: number) =>
    dueMessages(db, now, maxAttempts, limit).forUpdate().skipLocked(),
);

const renewLeaseQuery = preparedQuery(
  (db: Executor, id: string, leaseUntil: string, renewedUntil: string) =>
    db
      .updateTable('mail_outbox')
      .set((eb) => ({ next_attempt_at: renewedUntil, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where('sent_at', 'is', null)
      .where('next_attempt_at', '=', leaseUntil)
      .returning('id'),
);

const markSentQuery = preparedQuery((db: Executor, id: string, at: string) =>
  db
    .updateTable('mail_outbox')
    .set({
      sent_at: at,
      text_body: null,
      html_body: null,
      sealed_content: null,
      key_id: null,
      last_error: null,
    })
    .where('id', '=', id),
);

/**
 * Transactional outbox for email: services `enqueue` inside their transaction, so a
 * rolled-back change sends nothing; `flush` delivers after commit. Each message is claimed
 * with a lease (rows taken with `FOR UPDATE SKIP LOCKED` on PostgreSQL), so several server
 * instances share one outbox and a crash mid-send is retried, never lost.
 *
 * Messages carry live secrets (activation and reset links, sign-in codes). With a key ring,
 * subject, text and HTML are stored only sealed (AES-256-GCM, bound to the row) and opened
 * at send time; the clear `subject` column holds the redacted subject. Without one, bodies
 * are stored in clear and the code stays out of the subject. A delivered message keeps only
 * its metadata: what it said is erased, and on SQLite (`secure_delete` on) the write-ahead
 * log is checkpointed and truncated after a delivery round that erased text kept in clear
 * (without a key ring), so the erased text is not
 * left behind in the files (best effort: complete once no other process is reading).
 */
export class MailOutbox {
  readonly #options: MailOutboxOptions;
  readonly #maxAttempts: number;
  readonly #background = new BackgroundRounds(
    () => this.flush(),
    (error) =>
      this.#options.logger.error('mail outbox: delivery round failed', { error: String(error) }),
  );

  constructor(options: MailOutboxOptions) {
    this.#options = options;
    this.#maxAttempts = options.maxAttempts ?? 8;
  }

  /** Adds a message to the outbox within the caller's transaction (sealed with a key ring). */
  async enqueue(db: Executor, to: string, content: EmailContent): Promise<void> {
    const now = this.#options.clock.now().toISOString();
    const id = newId('mail');
    const clearSubject = content.redactedSubject ?? content.subject;
    const { keyRing } = this.#options;
    if (keyRing) {
      const { subject, text, html } = content;
      const sealed = keyRing.seal(
        JSON.stringify({ subject, text, html } satisfies SealedContent),
        sealContext(id),
      );
      await insertMessage(
        db,
        id,
        to,
        clearSubject,
        null,
        null,
        sealed.sealed,
        sealed.keyId,
        content.template,
        now,
      );
    } else {
      await insertMessage(
        db,
        id,
        to,
        clearSubject,
        content.text,
        content.html,
        null,
        null,
        content.template,
        now,
      );
    }
  }

  /** Starts delivery in the background (after a commit); `idle()` waits for it. */
  kick(): void {
    this.#background.kick();
  }

  /** Resolves when no background delivery is running. */
  idle(): Promise<void> {
    return this.#background.idle();
  }

  /** Delivers every message that is due; returns how many were sent. */
  async flush(): Promise<number> {
    let sent = 0;
    let erasedInClear = false;
    for (;;) {
      const { batch, leaseUntil } = await this.#claim();
      for (const message of batch) {
        // Sends are one at a time, so a slow batch can outlast its lease; sending a message
        // only after renewing its lease keeps it from going out twice.
        if (!(await this.#renewLease(message.id, leaseUntil))) continue;
        if (await this.#deliver(message)) {
          sent++;
          if (message.sealed_content === null) erasedInClear = true;
        }
      }
      if (batch.length < batchSize) break;
    }
    // Sealed text left in old log pages is unreadable without the key ring: only text that
    // was stored in clear needs the log rewritten.
    if (erasedInClear) await this.#forgetErased();
    return sent;
  }

  /**
   * On SQLite, copies the write-ahead log into the database file (where `secure_delete`
   * has zeroed the erased text) and truncates it, so that the old pages with the erased
   * text are not left in the `-wal` file. Best effort: while another process reads, the
   * log cannot be truncated, and the next round tries again.
   */
  async #forgetErased(): Promise<void> {
    const { db, dialect, logger } = this.#options;
    if (dialect !== 'sqlite') return;
    try {
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
    } catch (error) {
      logger.warn('mail outbox: checkpoint after erasing sent mail failed', {
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /** What a claimed message says: opened from its sealed content, or its clear columns. */
  #contentOf(message: {
    id: string;
    subject: string;
    text_body: string | null;
    html_body: string | null;
    sealed_content: string | null;
    key_id: string | null;
  }): SealedContent {
    if (message.sealed_content === null || message.key_id === null) {
      return {
        subject: message.subject,
        text: message.text_body ?? '',
        html: message.html_body ?? '',
      };
    }
    const { keyRing } = this.#options;
    if (!keyRing) throw new Error('the message is sealed and this instance has no key ring');
    const opened = keyRing.open(
      { keyId: message.key_id, sealed: message.sealed_content },
      sealContext(message.id),
    );
    return JSON.parse(opened) as SealedContent;
  }

  async #claim() {
    const { db, dialect, clock } = this.#options;
    const now = clock.now();
    const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    return db.transaction().execute(async (trx) => {
      const due = await (dialect === 'postgres' ? dueForUpdateQuery : dueQuery)(
        trx,
        now.toISOString(),
        this.#maxAttempts,
        batchSize,
      );
      if (due.length === 0) return { batch: due, leaseUntil };
      await trx
        .updateTable('mail_outbox')
        .set({ next_attempt_at: leaseUntil })
        .where(
          'id',
          'in',
          due.map((m) => m.id),
        )
        .execute();
      return { batch: due, leaseUntil };
    });
  }

  /**
   * Extends this sender's lease on a message to a full lease from now and counts the
   * attempt it is about to make; false when the message is no longer leased to this sender
   * (its lease ran out and another took it), which then counts nothing.
   */
  async #renewLease(id: string, leaseUntil: string): Promise<boolean> {
    const { db, clock } = this.#options;
    const renewedUntil = new Date(clock.now().getTime() + leaseMs).toISOString();
    const renewed = await renewLeaseQuery(db, id, leaseUntil, renewedUntil);
    return renewed.length > 0;
  }

  async #deliver(message: {
    id: string;
    recipient: string;
    subject: string;
    text_body: string | null;
    html_body: string | null;
    sealed_content: string | null;
    key_id: string | null;
    attempts: number;
  }): Promise<boolean> {
    const { db, mailer, clock, logger, from } = this.#options;
    try {
      const { subject, text, html } = this.#contentOf(message);
      await mailer.send({ from, to: message.recipient, subject, text, html });
    } catch (error) {
      const attempts = Number(message.attempts) + 1;
      // Back off 30 s, 1 min, 2 min, … up to an hour.
      const delayMs = Math.min(30_000 * 2 ** (attempts - 1), 3_600_000);
      const reason = error instanceof Error ? error.message : String(error);
      logger.warn('mail outbox: delivery failed, will retry', { id: message.id, attempts, reason });
      await db
        .updateTable('mail_outbox')
        .set({
          last_error: reason.slice(0, 500),
          next_attempt_at: new Date(clock.now().getTime() + delayMs).toISOString(),
        })
        .where('id', '=', message.id)
        .execute();
      return false;
    }
    await markSentQuery(db, message.id, clock.now().toISOString());
    return true;
  }
}
