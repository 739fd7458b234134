import { describe, expect, it } from 'vitest';
import { endpointChanges } from './endpoint-changes.js';
import type { EndpointRow } from './endpoint-repository.js';
import { matchesEventTypes } from './event-types.js';

describe('matchesEventTypes', () => {
  it('matches every event, one action, or every action of an area', () => {
    expect(matchesEventTypes(['*'], 'user.added')).toBe(true);
    expect(matchesEventTypes(['user.added'], 'user.added')).toBe(true);
    expect(matchesEventTypes(['user.added'], 'user.deleted')).toBe(false);
    expect(matchesEventTypes(['user.*'], 'user.deleted')).toBe(true);
    expect(matchesEventTypes(['user.*'], 'phone_number.released')).toBe(false);
    expect(matchesEventTypes(['phone_number.*', 'user.added'], 'phone_number.released')).toBe(true);
    expect(matchesEventTypes(['use.*'], 'user.added')).toBe(false);
  });
});

describe('endpointChanges', () => {
  const row = {
    url: 'https://hooks.example.com/a',
    event_types: JSON.stringify(['user.*', 'integration.*']),
    description: 'CRM sync',
    enabled: 1,
  } as unknown as EndpointRow;

  it('names what differs, comparing event types as sets', () => {
    expect(endpointChanges(row, { eventTypes: ['integration.*', 'user.*'] }).changed).toEqual([]);
    expect(endpointChanges(row, { url: row.url, enabled: true }).changed).toEqual([]);
    expect(
      endpointChanges(row, { url: 'https://hooks.example.com/b', enabled: false, description: '' }),
    ).toEqual({
      changed: ['url', 'description', 'enabled'],
      values: { url: 'https://hooks.example.com/b', description: '', enabled: false },
    });
    expect(endpointChanges(row, { eventTypes: ['user.*'] }).values).toEqual({
      event_types: '["user.*"]',
    });
  });
});
