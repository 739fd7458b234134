import { versionOfEtag } from '@switchboard/contract';
import { SwitchboardError, type VersionCondition } from '@switchboard/core';
import type { Context } from 'hono';
import { listHeader } from '../http/request-header.js';

/** Where SCIM lives under the app, whatever prefix the app is mounted at. */
export const scimPath = '/scim/v2';

/**
 * The `/scim/v2` URL a request came to (`https://admin.example.com/admin/scim/v2`), the base
 * of the `location` of what it answers.
 */
export function scimBaseUrl(c: Context): string {
  const url = new URL(c.req.url);
  const at = url.pathname.indexOf(scimPath);
  return `${url.origin}${url.pathname.slice(0, at + scimPath.length)}`;
}

/**
 * The version a SCIM `PUT`, `PATCH` or `DELETE` names in `If-Match` (C1): `*`, the ETag a
 * SCIM or `/v1` answer gave (`"3"`), or that tag marked weak (`W/"3"`, as some SCIM clients
 * echo `meta.version`). Anything else matches no version: 412. None: the write proceeds.
 */
export function scimVersionCondition(c: Context): VersionCondition | undefined {
  const header = listHeader(c, 'if-match');
  if (header === undefined) return undefined;
  const version = versionOfEtag(header.trim().replace(/^W\//, ''));
  if (version === null) {
    throw new SwitchboardError(
      'precondition_failed',
      'If-Match names no version of this user: send meta.version as answered, or *',
    );
  }
  return { ifVersion: version };
}
