/**
 * Spreads a retry's back-off over its upper half ("equal jitter"): a delay of `d` becomes a
 * random wait in [d/2, d), so clients that failed together do not all retry together, while
 * the back-off still grows with each attempt. A `Retry-After` from the server is waited out
 * exactly (ky applies no jitter to it).
 *
 * @example retryJitter(600) // somewhere in 300…600
 */
export function retryJitter(delayMs: number, random: () => number = Math.random): number {
  return delayMs / 2 + random() * (delayMs / 2);
}
