/** How many attempts a delivery gets before it fails: twelve, over about 33 hours. */
export const defaultMaxAttempts = 12;

const firstDelayMs = 30_000;
const longestDelayMs = 6 * 3_600_000;
/** The longest wait a receiver's `Retry-After` can ask for. */
const longestRetryAfterMs = 24 * 3_600_000;

/**
 * How long to wait after the `attempts`-th failed attempt: 30 s, 90 s, 4.5 min… growing
 * threefold up to 6 hours, each spread by ±20 % so that deliveries failed together do not
 * come back together. With `defaultMaxAttempts` the last attempt comes at least 26 hours
 * after the first (33 hours without jitter).
 *
 * @example retryDelayMs(1) // about 30_000
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(firstDelayMs * 3 ** Math.max(0, attempts - 1), longestDelayMs);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * The wait a `Retry-After` header asks for (seconds, or an HTTP date), at most 24 hours;
 * null when there is none or it is malformed.
 *
 * @example retryAfterMs('120', new Date()) // 120_000
 */
export function retryAfterMs(header: string | undefined, now: Date): number | null {
  if (header === undefined) return null;
  const value = header.trim();
  let ms: number;
  if (/^\d{1,10}$/.test(value)) ms = Number(value) * 1000;
  else {
    const at = Date.parse(value);
    if (Number.isNaN(at)) return null;
    ms = at - now.getTime();
  }
  return Math.min(Math.max(ms, 0), longestRetryAfterMs);
}
