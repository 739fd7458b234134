import { type KeyObject, timingSafeEqual } from 'node:crypto';
import { actionArea, type SealedContent, sealEvent } from './audit-seal.js';

/** What `verify` answers: whether every event checked is intact, how many, and the first that is not. */
export interface ChainVerification {
  ok: boolean;
  checked: number;
  /** The first event whose seal, place or key does not hold; null when none (or when events past the last one were removed). */
  firstBrokenEventId: string | null;
}

/** A stored event as the verifier reads it. */
export interface StoredEvent extends SealedContent {
  area: string;
  seal: string;
}

/**
 * The key an event names: the key, `null` when no such key is stored, `undefined` for an
 * event sealed without a key.
 */
export type EventKey = KeyObject | null | undefined;

const sameSeal = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/**
 * Walks one account's chain, oldest first (E3): each event must take the next number
 * after the previous one, name a stored key (when `requireKey`, for a chain under the key
 * ring; a keyless seal is never accepted after a keyed one), and carry the seal of its
 * content over the previous seal. The first event that fails breaks the chain: an edited row fails its own
 * seal, a removed one makes the next fail (its number and previous seal), a reordered pair
 * fails at the first of them. Pure: the caller reads the rows and their keys.
 */
export class ChainVerifier {
  #seq: number;
  #seal: string;
  /** Whether a keyed seal was met: no keyless seal may follow one. */
  #keyed: boolean;
  #checked = 0;
  #broken = false;
  #brokenAt: string | null = null;
  readonly #requireKey: boolean;

  /**
   * `start`: the chain's start (after pruned events, or 0 and the genesis seal), and whether
   * what came before it was keyed (a checkpoint under a key).
   */
  constructor(
    start: { seq: number; seal: string; keyed?: boolean },
    options: { requireKey: boolean },
  ) {
    this.#seq = start.seq;
    this.#seal = start.seal;
    this.#keyed = start.keyed ?? false;
    this.#requireKey = options.requireKey;
  }

  /** Whether the chain is still intact; check no more events once it is not. */
  get intact(): boolean {
    return !this.#broken;
  }

  /** Checks the next event; false when it breaks the chain. */
  check(event: StoredEvent, key: EventKey): boolean {
    if (this.#broken) return false;
    this.#checked++;
    // A keyless seal is anyone's to compute: never one after a keyed one (a forged tail).
    const keyHolds =
      event.keyId === null
        ? key === undefined && !this.#requireKey && !this.#keyed
        : key !== null && key !== undefined;
    const valid =
      event.seq === this.#seq + 1 &&
      event.area === actionArea(event.action) &&
      keyHolds &&
      sameSeal(event.seal, sealEvent(key ?? null, this.#seal, event));
    if (!valid) return this.#breakAt(event.id);
    this.#seq = event.seq;
    this.#seal = event.seal;
    this.#keyed ||= event.keyId !== null;
    return true;
  }

  /** Marks the chain broken at `eventId` (a checkpoint that does not hold, say). */
  breakAt(eventId: string | null): void {
    if (!this.#broken) this.#breakAt(eventId);
  }

  /**
   * The answer, once every event was checked: the last event must be the head the chain
   * recorded (else events past it were removed).
   */
  finish(head: { seq: number; seal: string }): ChainVerification {
    if (!this.#broken && (head.seq !== this.#seq || !sameSeal(head.seal, this.#seal)))
      this.#breakAt(null);
    return { ok: !this.#broken, checked: this.#checked, firstBrokenEventId: this.#brokenAt };
  }

  #breakAt(eventId: string | null): false {
    this.#broken = true;
    this.#brokenAt = eventId;
    return false;
  }
}
