import type { AuditEvent } from '@switchboard/contract';
import { describe, expect, it } from 'vitest';
import { knownNewOwners } from './known-new-owners.js';

let n = 0;
function event(action: string, targetId: string, changedFields: string[] = []): AuditEvent {
  n += 1;
  return {
    id: `evt_${n}`,
    action,
    actor: { type: 'user', id: 'usr_ada' },
    target: { type: targetId.startsWith('pn_') ? 'phone_number' : 'user', id: targetId },
    changedFields,
    requestId: null,
    clientAddress: null,
    at: '2026-11-23T09:00:00.000Z',
  };
}

const numbers = [
  { id: 'pn_1', ownerId: 'usr_grace' },
  { id: 'pn_2', ownerId: 'usr_ada' },
];

describe('knownNewOwners', () => {
  it('gives the newest owner change of each number the owner it has now', () => {
    const newest = event('phone_number.updated', 'pn_1', ['ownerId']);
    const older = event('phone_number.updated', 'pn_1', ['ownerId']);
    const requested = event('phone_number.requested', 'pn_2', ['number', 'ownerId', 'pci']);
    const known = knownNewOwners([newest, older, requested], numbers, true);
    expect([...known]).toEqual([
      [newest.id, 'usr_grace'],
      [requested.id, 'usr_ada'],
    ]);
  });

  it('skips changes that did not touch the owner, and numbers no longer listed', () => {
    const app = event('phone_number.updated', 'pn_1', ['applicationId']);
    const owner = event('phone_number.updated', 'pn_1', ['ownerId']);
    const released = event('phone_number.updated', 'pn_gone', ['ownerId']);
    const known = knownNewOwners([app, released, owner], numbers, true);
    expect([...known]).toEqual([[owner.id, 'usr_grace']]);
  });

  it('knows nothing before a later user deletion (it passes numbers on), or of a filtered timeline', () => {
    const after = event('phone_number.updated', 'pn_2', ['ownerId']);
    const deleted = event('user.deleted', 'usr_alan');
    const before = event('phone_number.updated', 'pn_1', ['ownerId']);
    expect([...knownNewOwners([after, deleted, before], numbers, true)]).toEqual([
      [after.id, 'usr_ada'],
    ]);
    expect(knownNewOwners([after], numbers, false).size).toBe(0);
  });
});
