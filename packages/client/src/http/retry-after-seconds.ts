/**
 * A `Retry-After` header in seconds: its delay-seconds, or the seconds until its HTTP date;
 * undefined when absent or unreadable.
 *
 * @example retryAfterSeconds(response.headers.get('retry-after')) // 120
 */
export function retryAfterSeconds(header: string | null): number | undefined {
  if (!header?.trim()) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
