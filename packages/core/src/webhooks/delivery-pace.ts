import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * When the webhook worker may start deliveries and their steps (E4). Sending gives way to
 * requests: while the host is quiet, as many start as the worker has room for; while it is
 * serving requests (`serving.busy()`), one by one, at most `ratePerSecond` a second (a slow
 * receiver still holds only its slot), and each step of a delivery waits for a turn of the
 * event loop (`giveWay()`), so that a backlog takes a small, bounded share of the CPU the API
 * needs and never holds a request up for long.
 *
 * @example const { start, waitMs } = pace.take(slotsFree);
 */
export class DeliveryPace {
  readonly #serving: { busy(): boolean };
  readonly #intervalMs: number;
  readonly #now: () => number;
  /** While serving, no delivery starts before this. */
  #nextStart = Number.NEGATIVE_INFINITY;

  constructor(
    serving: { busy(): boolean },
    ratePerSecond: number,
    now: () => number = () => performance.now(),
  ) {
    if (!(ratePerSecond > 0 && Number.isFinite(ratePerSecond)))
      throw new RangeError(
        `webhooks.ratePerSecondWhileServing must be a number above 0, got ${ratePerSecond}`,
      );
    this.#serving = serving;
    this.#intervalMs = 1000 / ratePerSecond;
    this.#now = now;
  }

  /**
   * How many deliveries may start now out of `free` slots (`start`) or, when none may yet,
   * the milliseconds until one may (`waitMs`).
   */
  take(free: number): { start: number; waitMs: number } {
    if (free <= 0) return { start: 0, waitMs: 0 };
    if (!this.#serving.busy()) return { start: free, waitMs: 0 };
    const now = this.#now();
    if (now < this.#nextStart) return { start: 0, waitMs: this.#nextStart - now };
    this.#nextStart = now + this.#intervalMs;
    return { start: 1, waitMs: 0 };
  }

  /**
   * While the host serves requests, waits for the requests waiting on the event loop to run
   * before the next step of a delivery: SQLite statements run on the event loop, and the
   * steps of one delivery, chained without a turn of the loop, would hold a request up for
   * their sum (about 2 ms). Resolves at once while the host is quiet.
   */
  async giveWay(): Promise<void> {
    if (this.#serving.busy()) await nextTurn();
  }
}
