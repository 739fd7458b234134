import { auditActions } from '@switchboard/contract';
import { describe, expect, it } from 'vitest';
import {
  chosenEventTypes,
  eventTypeChoice,
  eventTypeSummary,
  webhookEventAreas,
} from './webhook-event-types.js';

const choice = (chosen: string[], other = '') => ({ all: false, chosen: new Set(chosen), other });

describe('the webhook event types the forms offer', () => {
  it('list each area’s actions as area.verb, each type once', () => {
    const types = webhookEventAreas.flatMap((a) => a.actions.map((action) => action.type));
    expect(new Set(types).size).toBe(types.length);
    for (const a of webhookEventAreas)
      for (const action of a.actions) expect(action.type.startsWith(`${a.area}.`)).toBe(true);
    // Every action the audit log records, and nothing else.
    expect([...types].sort()).toEqual([...auditActions].sort());
  });

  it('send * for all events, whatever else is ticked', () => {
    expect(chosenEventTypes({ all: true, chosen: new Set(['user.added']), other: '' })).toEqual([
      '*',
    ]);
    expect(chosenEventTypes(choice([], '*'))).toEqual(['*']);
  });

  it('send the chosen types in the form’s order, an action left out when its area is chosen', () => {
    expect(
      chosenEventTypes(choice(['phone_number.released', 'user.added', 'user.*', 'account.*'])),
    ).toEqual(['user.*', 'account.*', 'phone_number.released']);
  });

  it('add typed types, split on commas and spaces, without repeats or actions of a typed area', () => {
    expect(
      chosenEventTypes(choice(['user.added'], ' billing.paid,billing.* user.added ,, ')),
    ).toEqual(['user.added', 'billing.*']);
  });

  it('give nothing when nothing is chosen (the form asks for one)', () => {
    expect(chosenEventTypes(choice([], ' , '))).toEqual([]);
  });

  it('open an endpoint’s types as the form shows them: ticked, or typed when not listed', () => {
    expect(eventTypeChoice(['*'])).toEqual({ all: true, chosen: new Set(), other: '' });
    expect(eventTypeChoice(['user.*', 'phone_number.released', 'billing.paid'])).toEqual({
      all: false,
      chosen: new Set(['user.*', 'phone_number.released']),
      other: 'billing.paid',
    });
    const opened = eventTypeChoice(['scim_token.*', 'user.deleted', 'crm.synced']);
    expect(chosenEventTypes(opened)).toEqual(['user.deleted', 'scim_token.*', 'crm.synced']);
  });

  it('say what an endpoint receives in words', () => {
    expect(eventTypeSummary(['*'])).toEqual(['All events']);
    expect(eventTypeSummary(['user.*', 'phone_number.*', 'phone_number.released'])).toEqual([
      'All user events',
      'All phone number events',
      'phone_number.released',
    ]);
    expect(eventTypeSummary(['billing_run.*'])).toEqual(['All billing run events']);
  });
});
