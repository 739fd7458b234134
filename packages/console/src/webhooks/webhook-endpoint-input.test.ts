import type { WebhookEndpoint } from '@switchboard/contract';
import { describe, expect, it } from 'vitest';
import { conflictRows } from '../shared/edit-conflict.js';
import {
  endpointName,
  endpointPatch,
  webhookEndpointConflictFields,
} from './webhook-endpoint-input.js';

const endpoint: WebhookEndpoint = {
  id: 'whe_1',
  url: 'https://hooks.example.com/switchboard',
  eventTypes: ['user.*', 'phone_number.released'],
  description: 'CRM sync',
  enabled: true,
  createdAt: '2026-11-23T10:00:00.000Z',
  updatedAt: '2026-11-23T10:00:00.000Z',
  version: 1,
};
const draft = { url: endpoint.url, eventTypes: endpoint.eventTypes, description: 'CRM sync' };

describe('endpointPatch', () => {
  it('sends nothing for an unchanged form, whatever the order of the event types', () => {
    expect(endpointPatch(endpoint, draft)).toEqual({});
    expect(
      endpointPatch(endpoint, { ...draft, eventTypes: ['phone_number.released', 'user.*'] }),
    ).toEqual({});
  });

  it('sends only the fields the form changed', () => {
    expect(endpointPatch(endpoint, { ...draft, description: '' })).toEqual({ description: '' });
    expect(
      endpointPatch(endpoint, { ...draft, url: 'https://new.example.com/x', eventTypes: ['*'] }),
    ).toEqual({ url: 'https://new.example.com/x', eventTypes: ['*'] });
  });
});

describe('endpointName', () => {
  it('drops the scheme, and the middle of a long URL', () => {
    expect(endpointName(endpoint)).toBe('hooks.example.com/switchboard');
    const long = endpointName({
      url: 'https://hooks.example.com/a/very/long/path/to/the/receiver/of/switchboard?token=abc',
    });
    expect(long).toHaveLength(48);
    expect(long).toMatch(/^hooks\.example\.com\/a\/very.*….*token=abc$/);
  });
});

describe('the conflict window of an endpoint (C1)', () => {
  it('names what someone else changed and what the edit sets', () => {
    const current = { ...endpoint, enabled: false, version: 2 };
    const rows = conflictRows(webhookEndpointConflictFields, endpoint, current, {
      ...endpoint,
      eventTypes: ['*'],
    });
    expect(rows).toEqual([
      {
        label: 'Events',
        opened: 'All user events, phone_number.released',
        current: 'All user events, phone_number.released',
        mine: 'All events',
        collides: false,
      },
      { label: 'State', opened: 'Enabled', current: 'Disabled', mine: undefined, collides: false },
    ]);
  });
});
