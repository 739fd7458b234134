import { etagOf, honoursIfMatch, type RouteDescriptor, versionOfEtag } from '@switchboard/contract';
import { SwitchboardError, type VersionCondition } from '@switchboard/core';
import type { Context } from 'hono';
import { listHeader } from './request-header.js';

/**
 * The version a `PATCH` or `DELETE` of a versioned resource names in `If-Match` (C1): one
 * entity tag (`"3"`) or `*`. A tag that names no version of ours (weak, malformed, a list)
 * matches nothing: 412. Without the header the write proceeds, unless the server requires
 * it (428).
 */
export function versionCondition(
  c: Context,
  route: RouteDescriptor,
  requireIfMatch: boolean,
): VersionCondition | undefined {
  if (!honoursIfMatch(route)) return undefined;
  const header = listHeader(c, 'if-match');
  if (header === undefined) {
    if (!requireIfMatch) return undefined;
    throw new SwitchboardError(
      'precondition_required',
      'Send If-Match with the ETag of the version you change (or * for any)',
    );
  }
  const version = versionOfEtag(header);
  if (version === null) {
    throw new SwitchboardError(
      'precondition_failed',
      'If-Match names no version of this resource: send the ETag as answered (a strong tag like "3") or *',
    );
  }
  return { ifVersion: version };
}

/** True when a `GET`'s `If-None-Match` names the resource's current version (answer 304). */
export function matchesIfNoneMatch(c: Context, version: number): boolean {
  const header = listHeader(c, 'if-none-match');
  if (header === undefined) return false;
  const current = etagOf(version);
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed === current || trimmed === `W/${current}`;
  });
}
