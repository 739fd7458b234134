import { randomUUID } from 'node:crypto';
import { isKeptStatus } from '@switchboard/contract';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import type { KeyRing } from '../integrations/index.js';
import type { Clock } from '../shared/clock.js';
import {
  deleteClaimedKey,
  deleteExpiredKeys,
  findKey,
  type KeyClaim,
  type KeyRow,
  takeOverKey,
} from './idempotency-repository.js';
import {
  type IdempotentRequest,
  type KeptAnswer,
  requestFingerprint,
} from './idempotent-request.js';
import { saveAnswer } from './keep-answer-in-change.js';

/** How long a key and its answer are kept: at least a day (API.md). */
const keyLifetimeMs = 24 * 60 * 60 * 1000;
/** A run holding a key longer than this is taken to have died; another may take the key over. */
const claimMs = 60 * 1000;
/** What a caller that finds its key in use is told to wait, in seconds. */
const inUseRetryAfterSeconds = 1;

/** A keyed request as it arrives. */
export interface KeyedRequest {
  /** `user:<id>` or `operator` (see `callerOf`). */
  caller: string;
  key: string;
  method: string;
  path: string;
  /** The parsed JSON body; undefined for none. */
  body: unknown;
  /** Turns the request's result into its answer (status, headers, body) to keep. */
  answer(result: unknown): KeptAnswer;
  /**
   * The answer shows a secret once (a token, a signing secret): it is kept sealed under the
   * key ring (`sealsAnswers` must be true), so the secret is never stored in clear.
   */
  secretAnswer?: boolean;
}

/** What to do with a keyed request: run it holding the key, or replay the answer kept for it. */
export type KeyedStart =
  | { run: IdempotentRequest; replay?: undefined }
  | { run?: undefined; replay: KeptAnswer };

/**
 * Idempotency keys (C2), with Stripe's semantics: the first request with a key runs, the
 * same request again gets the kept answer, another request with the key is
 * `idempotency_key_reused`, and one sent while the first still runs is
 * `idempotency_key_in_use`. Keys belong to their caller and live a day.
 *
 * Across processes and instances the key's row is the lock. A new key's row is inserted by
 * the request's first change, in the change's own transaction (with the answer, when that
 * change answers the request): no commit of its own, and of two runs racing with one new
 * key only the first to commit keeps its change — the other's insert finds the key taken,
 * and its change rolls back (`idempotency_key_in_use`). An expired row, or one claimed by a
 * run older than a minute (it died), is taken over by a conditional update, and the change
 * keeps its answer only while it still holds that claim.
 */
export class IdempotencyService {
  readonly #db: Kysely<Database>;
  readonly #clock: Clock;
  readonly #keyRing: KeyRing | undefined;

  constructor(deps: { db: Kysely<Database>; clock: Clock; keyRing: KeyRing | undefined }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#keyRing = deps.keyRing;
  }

  /**
   * Whether answers that show a secret can be kept (sealed): only with a key ring. Without
   * one, the routes answering a secret run without their key.
   */
  get sealsAnswers(): boolean {
    return this.#keyRing !== undefined;
  }

  /**
   * Claims the key for this request, or answers from what was kept for it; throws
   * `idempotency_key_reused` (another request used it) or `idempotency_key_in_use`.
   */
  async start(request: KeyedRequest): Promise<KeyedStart> {
    const fingerprint = requestFingerprint(request.method, request.path, request.body);
    for (let attempt = 1; attempt <= 3; attempt++) {
      const now = this.#clock.now();
      const claim: KeyClaim = {
        caller: request.caller,
        key: request.key,
        fingerprint,
        claim: randomUUID(),
        lockedUntil: new Date(now.getTime() + claimMs).toISOString(),
        at: now.toISOString(),
        expiresAt: new Date(now.getTime() + keyLifetimeMs).toISOString(),
      };
      const row = await findKey(this.#db, request.caller, request.key);
      // A new key: its row is inserted by the request's first change, in its transaction.
      if (!row) return { run: { ...this.#running(request, claim), unsaved: claim } };
      const seen = this.#judge(row, fingerprint, now);
      if (seen.replay) return { replay: seen.replay };
      if (await takeOverKey(this.#db, row, claim)) return { run: this.#running(request, claim) };
    }
    throw inUse();
  }

  /**
   * Keeps the answer of a request whose run changed nothing (it failed with a kept status,
   * say), or frees the key when its status is not kept (400, 401, 403, 413, 429, 5xx).
   */
  async finish(request: IdempotentRequest, answer: KeptAnswer): Promise<void> {
    if (!isKeptStatus(answer.status)) {
      await this.abandon(request);
      return;
    }
    if (!(await saveAnswer(this.#db, request, answer))) throw inUse();
    request.kept = answer;
  }

  /** Frees the key of a run that gives no answer to keep. */
  async abandon(request: IdempotentRequest): Promise<void> {
    if (!request.unsaved) await deleteClaimedKey(this.#db, request);
  }

  /** Deletes expired keys in batches; how many went. The reference server runs it in housekeeping. */
  async purgeExpired(): Promise<number> {
    const now = this.#clock.now().toISOString();
    let total = 0;
    for (;;) {
      const deleted = await deleteExpiredKeys(this.#db, now, 1000);
      total += deleted;
      if (deleted < 1000) return total;
    }
  }

  #running(request: KeyedRequest, claim: KeyClaim): IdempotentRequest {
    const context = sealContext(claim.caller, claim.key);
    const keyRing = request.secretAnswer ? this.#keyRing : undefined;
    if (request.secretAnswer && !keyRing)
      throw new Error('An answer with a secret needs a key ring to be kept');
    return {
      caller: claim.caller,
      key: claim.key,
      claim: claim.claim,
      answer: request.answer,
      stored: (answer) => {
        if (!keyRing) return { ...answer, keyId: null };
        const { sealed, keyId } = keyRing.seal(answer.body, context);
        return { ...answer, body: sealed, keyId };
      },
    };
  }

  /** A kept answer's body as the database holds it, opened when it was sealed. */
  #bodyOf(row: KeyRow): string {
    const body = row.response_body ?? '';
    if (row.response_key_id === null) return body;
    if (!this.#keyRing) throw missingKeyRing();
    const context = sealContext(row.caller, row.key);
    return this.#keyRing.open({ keyId: row.response_key_id, sealed: body }, context);
  }

  /** A used key's verdict: replay its answer, or (expired, abandoned) take it over. */
  #judge(row: KeyRow, fingerprint: string, now: Date): { replay?: KeptAnswer } {
    if (new Date(row.expires_at).getTime() <= now.getTime()) return {};
    if (row.fingerprint !== fingerprint) {
      throw new SwitchboardError(
        'idempotency_key_reused',
        'This Idempotency-Key was used with another method, path or body; use a new key for a new request',
      );
    }
    if (row.response_status !== null) {
      return {
        replay: {
          status: Number(row.response_status),
          headers: JSON.parse(row.response_headers ?? '{}') as Record<string, string>,
          body: this.#bodyOf(row),
        },
      };
    }
    if (row.locked_until !== null && new Date(row.locked_until).getTime() > now.getTime()) {
      throw inUse();
    }
    return {};
  }
}

/** What a sealed answer is bound to: its key's row (a sealed body moved to another row does not open). */
function sealContext(caller: string, key: string): string {
  return `idempotency-answer:${caller}:${key}`;
}

function missingKeyRing(): SwitchboardError {
  return new SwitchboardError(
    'unavailable',
    'The answer kept for this Idempotency-Key is sealed, and no key ring is configured: set SWITCHBOARD_SECRET_KEYS (secretKeys) as when it was kept',
  );
}

function inUse(): SwitchboardError {
  return new SwitchboardError(
    'idempotency_key_in_use',
    'A request with this Idempotency-Key is still running; retry after it finishes',
    { retryAfter: inUseRetryAfterSeconds },
  );
}
