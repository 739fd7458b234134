/**
 * True when an endpoint subscribed to `patterns` takes events of `type`: a pattern is `*`
 * (every event), an action (`user.added`) or every action of an area (`user.*`).
 *
 * @example matchesEventTypes(['user.*'], 'user.deleted') // true
 */
export function matchesEventTypes(patterns: readonly string[], type: string): boolean {
  const dot = type.indexOf('.');
  const area = dot === -1 ? type : type.slice(0, dot);
  return patterns.some((pattern) => pattern === '*' || pattern === type || pattern === `${area}.*`);
}
