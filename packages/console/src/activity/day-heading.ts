/** The local calendar day of a time, `YYYY-MM-DD`, for grouping a timeline by day. */
export function localDay(at: string | Date): string {
  const date = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The heading of a day of the timeline: `Today`, `Yesterday`, or the date
 * (`Monday, 23 November 2026` in the browser's language).
 *
 * @example dayHeading(event.at, new Date()) // 'Today'
 */
export function dayHeading(at: string, now: Date, locale?: string): string {
  const day = localDay(at);
  if (day === localDay(now)) return 'Today';
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  if (day === localDay(yesterday)) return 'Yesterday';
  return new Date(at).toLocaleDateString(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
}
