/** The time source of the core; swap it in tests to move time. */
export interface Clock {
  /** The current instant. Must not go backwards between calls. */
  now(): Date;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => new Date() };
