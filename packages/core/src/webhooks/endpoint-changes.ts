import type { Updateable } from 'kysely';
import type { WebhookEndpointsTable } from '../db/database.js';
import { bool } from '../db/row-values.js';
import type { EndpointRow } from './endpoint-repository.js';

/** An endpoint edit as the update schema parses it. */
export interface EndpointEdit {
  url?: string | undefined;
  eventTypes?: string[] | undefined;
  description?: string | undefined;
  enabled?: boolean | undefined;
}

/**
 * What an edit changes of an endpoint: the names of the fields that differ (as the API
 * names them) and the columns to write. Event types are compared as sets.
 *
 * @example endpointChanges(row, { enabled: false }) // { changed: ['enabled'], values: { enabled: false } }
 */
export function endpointChanges(
  current: EndpointRow,
  edit: EndpointEdit,
): { changed: string[]; values: Updateable<WebhookEndpointsTable> } {
  const changed: string[] = [];
  const values: Updateable<WebhookEndpointsTable> = {};
  if (edit.url !== undefined && edit.url !== current.url) {
    changed.push('url');
    values.url = edit.url;
  }
  if (edit.eventTypes !== undefined) {
    const next = [...new Set(edit.eventTypes)];
    const before = new Set(JSON.parse(current.event_types) as string[]);
    if (next.length !== before.size || next.some((type) => !before.has(type))) {
      changed.push('eventTypes');
      values.event_types = JSON.stringify(next);
    }
  }
  if (edit.description !== undefined && edit.description !== current.description) {
    changed.push('description');
    values.description = edit.description;
  }
  if (edit.enabled !== undefined && edit.enabled !== bool(current.enabled)) {
    changed.push('enabled');
    values.enabled = edit.enabled;
  }
  return { changed, values };
}
