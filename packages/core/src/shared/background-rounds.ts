/**
 * Runs rounds of background work on demand: `kick()` starts a round unless one is running,
 * in which case another follows it (so work queued during a round is not missed); `idle()`
 * waits until none runs; after `stop()` no round starts. A round's error goes to `onError`.
 * The mail outbox and the webhook worker send this way after each commit.
 */
export class BackgroundRounds {
  readonly #round: () => Promise<unknown>;
  readonly #onError: (error: unknown) => void;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = false;

  constructor(round: () => Promise<unknown>, onError: (error: unknown) => void) {
    this.#round = round;
    this.#onError = onError;
  }

  kick(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#drain().finally(() => {
      this.#running = undefined;
    });
  }

  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  stop(): void {
    this.#stopped = true;
  }

  async #drain(): Promise<void> {
    do {
      this.#again = false;
      try {
        await this.#round();
      } catch (error) {
        this.#onError(error);
      }
    } while (this.#again && !this.#stopped);
  }
}
