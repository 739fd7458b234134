import type { AuditAction } from '@switchboard/contract';
import type { Kysely, Transaction } from 'kysely';
import { type AuditActor, recordAudit } from '../audit/index.js';
import type { Database } from '../db/database.js';
import type { DialectName } from '../db/dialect-name.js';
import { isRetryableTransactionError } from '../db/is-retryable-transaction-error.js';
import { claimKeyInChange, type KeptAnswer, keepAnswerInChange } from '../idempotency/index.js';
import type { EmailContent, MailOutbox } from '../mail/index.js';
import type { WebhookEventInput, WebhookEvents } from '../webhooks/index.js';
import type { Actor } from './actor.js';
import type { Clock } from './clock.js';
import { newId } from './ids.js';
import { isoTime } from './iso-time.js';
import type { RequestContext } from './request-context.js';

/**
 * Who makes a change: a user of an account (an `Actor`), the platform operator, an identity
 * provider provisioning an account's users (SCIM), or Switchboard.
 */
export type ChangeActor = Actor | OperatorActor | ScimActor | SystemActor;

/**
 * An identity provider provisioning one account's users through SCIM (S1), authenticated by
 * one of the account's SCIM tokens (`scimTokens.authenticate`). It may do what an admin of
 * that account may do to its users, and nothing else.
 */
export interface ScimActor {
  readonly type: 'scim';
  readonly accountId: string;
  /** The SCIM token the request came with (the audit log's actor id). */
  readonly tokenId: string;
  /** The request the call comes from, when it comes from one. */
  readonly request?: RequestContext;
}

/** The platform operator; see `operatorActor()`. */
export interface OperatorActor {
  readonly type: 'operator';
  /** The request the call comes from, when it comes from one. */
  readonly request?: RequestContext;
}

/** Switchboard itself (start-up seeding, key rotation from the command line, housekeeping). */
export interface SystemActor {
  readonly type: 'system';
  /** The request the change comes from, when one does (a user redeeming an emailed link). */
  readonly request?: RequestContext;
}

/** One change to record in the audit log (E1): what happened to which target. */
export interface Change {
  /** `area.verb`: `user.added`, `account.updated` — one of the contract's `auditActions`. */
  action: AuditAction;
  target: { type: string; id: string };
  /** Names of the fields that changed — never their values. */
  changedFields?: readonly string[];
  /** The account the change belongs to; default the acting user's. */
  accountId?: string;
  /** Who made it, when not the pipeline's actor (a user redeeming their own emailed link). */
  by?: AuditActor;
  /**
   * The resource as the API returns it after the change (never a secret), for the webhook
   * event (E4); default `{ id }` of the target (right for a deletion).
   */
  object?: Readonly<Record<string, unknown>>;
}

/** What a change runs with: its transaction, its time, and the ways to record its effects. */
export interface WriteTx {
  readonly trx: Transaction<Database>;
  readonly dialect: DialectName;
  /** The change's time, one for all it writes. */
  readonly now: Date;
  /** `now` as an ISO string, as timestamps are stored. */
  readonly at: string;
  /** Records the change in the audit log, and queues its webhook event, in this transaction (E1, E4). */
  record(change: Change): void;
  /** Queues an email in this transaction: it is sent after the commit, never after a rollback. */
  mail(recipient: string, content: EmailContent): Promise<void>;
}

/**
 * How a change relates to the request it serves. The value a change's work returns is the
 * result of the request it answers (what the service method returns): a request sent with
 * an idempotency key keeps its answer, made from that value, in the change's transaction.
 */
export interface WriteOptions {
  /**
   * False for a step of a request that makes several changes (a number's placeholder before
   * the carrier is asked): the answer of a keyed request is kept with its last change, the
   * one whose result it answers. Default true.
   */
  answersRequest?: boolean;
}

/** Runs one change; see `WritePipeline.run`. */
export type Write = <T>(
  actor: ChangeActor,
  work: (tx: WriteTx) => Promise<T>,
  options?: WriteOptions,
) => Promise<T>;

/** How often a transaction that may be run again (see `isRetryableTransactionError`) is tried. */
const maxAttempts = 3;

function auditActorOf(actor: ChangeActor): AuditActor {
  if ('userId' in actor) return { type: 'user', userId: actor.userId };
  if (actor.type === 'scim') return { type: 'scim', tokenId: actor.tokenId };
  return { type: actor.type };
}

/** The webhook events of a transaction's changes: those of an account (E4). */
function eventsOf(
  changes: readonly Change[],
  ids: readonly string[],
  actor: ChangeActor,
  at: string,
): WebhookEventInput[] {
  const events: WebhookEventInput[] = [];
  for (const [index, change] of changes.entries()) {
    const accountId = change.accountId ?? ('accountId' in actor ? actor.accountId : null);
    if (accountId === null) continue;
    events.push({
      id: ids[index],
      accountId,
      type: change.action,
      at,
      actor: change.by ?? auditActorOf(actor),
      object: change.object ?? { id: change.target.id },
      changedFields: change.changedFields ?? [],
    });
  }
  return events;
}

/**
 * The one way a change reaches the database. It opens the transaction (SQLite takes the
 * write lock at BEGIN; PostgreSQL row locks are the work's to take, through the owning
 * area's `lock…` function), runs the work, writes the audit events the work recorded, and
 * commits; mail queued by the work is sent after the commit. A transaction PostgreSQL
 * aborted for a serialization failure or a deadlock, or whose connection was lost before
 * COMMIT, is run again from the start, a few times, so the work must have no effects
 * outside the transaction (or only idempotent ones). A change serving a request sent with
 * an idempotency key keeps that request's answer in its transaction (C2). Each recorded
 * change of an account is also queued as a webhook event in the same transaction (E4), and
 * sending starts after the commit.
 */
export class WritePipeline {
  readonly #db: Kysely<Database>;
  readonly #dialect: DialectName;
  readonly #clock: Clock;
  readonly #outbox: MailOutbox;
  readonly #events: WebhookEvents | undefined;

  constructor(deps: {
    db: Kysely<Database>;
    dialect: DialectName;
    clock: Clock;
    outbox: MailOutbox;
    /** Where recorded changes become webhook events, in the same transaction (E4). */
    events?: WebhookEvents;
  }) {
    this.#db = deps.db;
    this.#dialect = deps.dialect;
    this.#clock = deps.clock;
    this.#outbox = deps.outbox;
    this.#events = deps.events;
  }

  /** Runs `work` as one change made by `actor`; see the class comment. */
  readonly run: Write = async (actor, work, options) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#attempt(actor, work, options?.answersRequest !== false);
      } catch (error) {
        if (attempt >= maxAttempts || !isRetryableTransactionError(error)) throw error;
      }
    }
  };

  async #attempt<T>(
    actor: ChangeActor,
    work: (tx: WriteTx) => Promise<T>,
    answersRequest: boolean,
  ): Promise<T> {
    const now = this.#clock.now();
    const at = isoTime(now.getTime());
    const changes: Change[] = [];
    let mailed = false;
    const outbox = this.#outbox;
    const keyed = 'request' in actor ? actor.request?.idempotency : undefined;
    let answer: KeptAnswer | undefined;
    let queued = 0;
    const result = await this.#db.transaction().execute(async (trx) => {
      const value = await work({
        trx,
        dialect: this.#dialect,
        now,
        at,
        record: (change) => {
          changes.push(change);
        },
        mail: async (recipient, content) => {
          await outbox.enqueue(trx, recipient, content);
          mailed = true;
        },
      });
      const request = 'request' in actor ? actor.request : undefined;
      // The idempotency key (its answer, or for a first step its claim), the webhook events,
      // then the audit events: the audit chain's head is taken last, so that no other lock
      // is waited for while it is held (see claimChainPosition).
      if (keyed && !keyed.kept) {
        if (answersRequest) {
          answer = keyed.answer(value);
          await keepAnswerInChange(trx, keyed, answer);
        } else await claimKeyInChange(trx, keyed);
      }
      // One id per change: the audit event's is its webhook event's (E4).
      const ids = changes.map(() => newId('evt'));
      if (this.#events) queued = await this.#events.enqueue(trx, eventsOf(changes, ids, actor, at));
      for (const [index, change] of changes.entries()) {
        const accountId = change.accountId ?? ('accountId' in actor ? actor.accountId : null);
        await recordAudit(trx, {
          id: ids[index],
          accountId,
          actor: change.by ?? auditActorOf(actor),
          action: change.action,
          target: change.target,
          changedFields: change.changedFields ?? [],
          at,
          requestId: request?.requestId ?? null,
          clientAddress: request?.clientAddress ?? null,
        });
      }
      return value;
    });
    if (keyed && !keyed.kept) {
      // The key's row is in the database now.
      keyed.unsaved = undefined;
      if (answer) keyed.kept = answer;
    }
    if (mailed) outbox.kick();
    if (queued > 0) this.#events?.kick();
    return result;
  }
}
