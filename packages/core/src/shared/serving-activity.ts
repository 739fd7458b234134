/**
 * Whether the host is serving requests now, so that background work gives way to them.
 * The server notes each request it starts (`noteRequest()`, one clock read); the webhook
 * worker asks `busy()` before it takes more deliveries and, while requests keep arriving,
 * sends at its paced rate instead of at full speed (see `WebhookOptions`).
 *
 * @example app.use(async (c, next) => { sb.serving.noteRequest(); await next(); });
 */
export class ServingActivity {
  readonly #quietMs: number;
  readonly #now: () => number;
  #lastRequestAt = Number.NEGATIVE_INFINITY;

  /** `quietMs`: how long after the last request started the host counts as busy. */
  constructor(quietMs = 100, now: () => number = () => performance.now()) {
    this.#quietMs = quietMs;
    this.#now = now;
  }

  /** A request has started. */
  noteRequest(): void {
    this.#lastRequestAt = this.#now();
  }

  /** True when a request started within the last `quietMs`. */
  busy(): boolean {
    return this.#now() - this.#lastRequestAt < this.#quietMs;
  }
}
