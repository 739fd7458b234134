import type { AuditEvent } from '@switchboard/contract';
import { describe, expect, it } from 'vitest';
import { type ActivityNames, describeEvent } from './activity-sentence.js';

const names: ActivityNames = new Map([
  ['usr_ada', 'Ada Admin'],
  ['usr_grace', 'Grace Hopper'],
  ['pn_1', '+1 800 555 0100'],
  ['int_1', 'Order history'],
  ['whe_1', 'https://hooks.acme.test/sb'],
  ['sct_1', 'Okta'],
]);

function event(
  action: string,
  target: [string, string],
  changedFields: string[] = [],
  actor: AuditEvent['actor'] = { type: 'user', id: 'usr_ada' },
): AuditEvent {
  return {
    id: 'evt_1',
    action,
    actor,
    target: { type: target[0], id: target[1] },
    changedFields,
    requestId: null,
    clientAddress: null,
    at: '2026-11-23T09:00:00.000Z',
  };
}

const sentence = (e: AuditEvent, owner?: string) => describeEvent(e, names, owner).sentence;

describe('describeEvent', () => {
  it('names the new owner of a number when it is known, as the issue’s example reads', () => {
    const moved = event('phone_number.updated', ['phone_number', 'pn_1'], ['ownerId']);
    expect(sentence(moved, 'usr_grace')).toBe(
      'Ada Admin changed the owner of +1 800 555 0100 to Grace Hopper',
    );
    expect(sentence(moved)).toBe('Ada Admin changed the owner of +1 800 555 0100');
    const both = event(
      'phone_number.updated',
      ['phone_number', 'pn_1'],
      ['ownerId', 'applicationId'],
    );
    expect(sentence(both, 'usr_grace')).toBe(
      'Ada Admin changed the owner and application of +1 800 555 0100; Grace Hopper owns it now',
    );
    const requested = event(
      'phone_number.requested',
      ['phone_number', 'pn_1'],
      ['number', 'ownerId'],
    );
    expect(sentence(requested, 'usr_grace')).toBe(
      'Ada Admin requested +1 800 555 0100 for Grace Hopper',
    );
  });

  it('builds the sentence from the action, the actor, the target and the changed fields', () => {
    expect(sentence(event('user.updated', ['user', 'usr_grace'], ['lastName', 'email']))).toBe(
      'Ada Admin changed the last name and email address of Grace Hopper',
    );
    expect(sentence(event('account.updated', ['account', 'acc_1'], ['city', 'state', 'zip']))).toBe(
      'Ada Admin changed the city, state and ZIP code of the account',
    );
    expect(sentence(event('user.added', ['user', 'usr_grace'], ['firstName']))).toBe(
      'Ada Admin added Grace Hopper',
    );
    expect(sentence(event('integration.tested', ['integration', 'int_1']))).toBe(
      'Ada Admin tested the connection of the integration “Order history”',
    );
    expect(sentence(event('webhook_endpoint.secret_rotated', ['webhook_endpoint', 'whe_1']))).toBe(
      'Ada Admin rotated the signing secret of the webhook endpoint https://hooks.acme.test/sb',
    );
    expect(sentence(event('scim_token.revoked', ['scim_token', 'sct_1']))).toBe(
      'Ada Admin revoked the SCIM token “Okta”',
    );
  });

  it('speaks of a user acting on themselves as “their”', () => {
    const grace = { type: 'user', id: 'usr_grace' } as const;
    const on = (action: string, fields: string[] = []) =>
      sentence(event(action, ['user', 'usr_grace'], fields, grace));
    expect(on('user.signed_in')).toBe('Grace Hopper signed in');
    expect(on('user.activated')).toBe('Grace Hopper activated their login');
    expect(on('user.updated', ['firstName'])).toBe('Grace Hopper changed their first name');
    expect(on('user.password_changed', ['password'])).toBe('Grace Hopper changed their password');
    expect(on('user.two_factor_changed', ['twoFactorEnabled'])).toBe(
      'Grace Hopper changed their two-factor sign-in setting',
    );
    expect(on('user.password_reset_requested')).toBe(
      'Grace Hopper asked for a password-reset email',
    );
    expect(sentence(event('user.password_reset_requested', ['user', 'usr_grace']))).toBe(
      'Ada Admin sent Grace Hopper a password-reset email',
    );
  });

  it('names the operator, Switchboard and SCIM as actors', () => {
    expect(
      sentence(event('account.created', ['account', 'acc_1'], [], { type: 'operator', id: null })),
    ).toBe('The platform operator opened the account');
    expect(
      sentence(
        event('integration.resealed', ['integration', 'int_1'], ['keyId'], {
          type: 'system',
          id: null,
        }),
      ),
    ).toBe(
      'Switchboard re-encrypted the credentials of the integration “Order history” under a new key',
    );
    expect(
      sentence(
        event('user.deactivated', ['user', 'usr_grace'], ['status'], { type: 'scim', id: null }),
      ),
    ).toBe('The identity provider (SCIM) deactivated Grace Hopper');
  });

  it('falls back to ids for what the console cannot name (a deleted user, a released number)', () => {
    expect(sentence(event('user.deleted', ['user', 'usr_gone']))).toBe(
      'Ada Admin deleted user usr_gone',
    );
    expect(sentence(event('phone_number.released', ['phone_number', 'pn_old']))).toBe(
      'Ada Admin released phone number pn_old',
    );
    expect(
      sentence(
        event('user.updated', ['user', 'usr_grace'], ['lastName'], {
          type: 'user',
          id: 'usr_gone',
        }),
      ),
    ).toBe('User usr_gone changed the last name of Grace Hopper');
    expect(
      sentence(event('phone_number.updated', ['phone_number', 'pn_1'], ['ownerId']), 'usr_gone'),
    ).toBe('Ada Admin changed the owner of +1 800 555 0100 to user usr_gone');
  });

  it('still says something of an action or field it does not know', () => {
    const line = describeEvent(
      event('widget.polished', ['widget', 'wid_1'], ['shineLevel']),
      names,
    );
    expect(line.sentence).toBe('Ada Admin recorded widget.polished for widget wid_1');
    expect(line.changed).toEqual(['shine level']);
  });

  it('lists the changed fields as the forms label them, and the actor apart', () => {
    const line = describeEvent(
      event('user.updated', ['user', 'usr_grace'], ['isAdmin', 'permissions.canShare']),
      names,
    );
    expect(line.actor).toBe('Ada Admin');
    expect(line.deed).toBe('changed the admin rights and Can Share permission of Grace Hopper');
    expect(line.changed).toEqual(['admin rights', 'Can Share permission']);
  });
});
