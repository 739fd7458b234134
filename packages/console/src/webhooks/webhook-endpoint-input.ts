import type { WebhookEndpoint, WebhookEndpointUpdate } from '@switchboard/contract';
import type { ConflictField } from '../shared/edit-conflict.js';
import { eventTypeSummary } from './webhook-event-types.js';

/** What the endpoint form gives: the URL, the event types to send, and a description. */
export interface WebhookEndpointDraft {
  url: string;
  eventTypes: string[];
  description: string;
}

const sameTypes = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

/**
 * The PATCH of an edit: only what the form changed, so re-applying it after someone
 * else's change (C1) keeps their other fields. Event types compare as a set.
 *
 * @example endpointPatch(endpoint, { ...draft, description: 'CRM' }) // { description: 'CRM' }
 */
export function endpointPatch(
  opened: WebhookEndpoint,
  draft: WebhookEndpointDraft,
): WebhookEndpointUpdate {
  return {
    ...(draft.url !== opened.url ? { url: draft.url } : {}),
    ...(sameTypes(draft.eventTypes, opened.eventTypes) ? {} : { eventTypes: draft.eventTypes }),
    ...(draft.description !== opened.description ? { description: draft.description } : {}),
  };
}

/**
 * An endpoint's URL short enough for a title or a sentence: without `https://`, and with
 * the middle left out when it is long (the whole URL is on the endpoint's card).
 *
 * @example endpointName({ url: 'https://hooks.example.com/switchboard' }) // 'hooks.example.com/switchboard'
 */
export function endpointName(endpoint: Pick<WebhookEndpoint, 'url'>, max = 48): string {
  const bare = endpoint.url.replace(/^https?:\/\//, '');
  if (bare.length <= max) return bare;
  const tail = Math.floor(max / 3);
  return `${bare.slice(0, max - tail - 1)}…${bare.slice(-tail)}`;
}

const text = (value: string) => value || '(empty)';

/** What the conflict window compares of an endpoint (C1): the form's fields and its state. */
export const webhookEndpointConflictFields: readonly ConflictField<WebhookEndpoint>[] = [
  { label: 'URL', value: (endpoint) => endpoint.url },
  { label: 'Events', value: (endpoint) => eventTypeSummary(endpoint.eventTypes).join(', ') },
  { label: 'Description', value: (endpoint) => text(endpoint.description) },
  { label: 'State', value: (endpoint) => (endpoint.enabled ? 'Enabled' : 'Disabled') },
];
