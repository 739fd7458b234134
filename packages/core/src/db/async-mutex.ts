/** A first-come, first-served async lock. */
export class AsyncMutex {
  #tail: Promise<void> = Promise.resolve();
  /** Holders and waiters: 0 when nobody has the lock or is waiting for it. */
  #pending = 0;

  /** True when nobody holds the lock or waits for it. */
  get idle(): boolean {
    return this.#pending === 0;
  }

  /** Waits for the lock; call the returned function exactly once to release it. */
  async acquire(): Promise<() => void> {
    this.#pending++;
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise((resolve) => {
      release = resolve;
    });
    await previous;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#pending--;
      release();
    };
  }
}
