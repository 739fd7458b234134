import type { WebhookDelivery } from '@switchboard/contract';
import { describe, expect, it } from 'vitest';
import { deliveryFacts, sendingNow, timeUntil } from './webhook-delivery-facts.js';

const now = new Date('2026-11-23T10:00:00.000Z');
const delivery = (changes: Partial<WebhookDelivery>): WebhookDelivery => ({
  id: 'whd_1',
  eventId: 'evt_1',
  eventType: 'user.added',
  status: 'pending',
  attempts: 0,
  lastResponseStatus: null,
  lastError: null,
  nextAttemptAt: now.toISOString(),
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
  ...changes,
});

describe('a delivery as the deliveries table shows it', () => {
  it('says a new one is pending, not tried yet, and due now', () => {
    expect(deliveryFacts(delivery({}), now)).toEqual({
      status: 'Pending',
      badge: '',
      attempts: 'Not tried yet',
      response: '—',
      next: 'now',
    });
  });

  it('shows a success with its status and no next attempt', () => {
    const facts = deliveryFacts(
      delivery({ status: 'succeeded', attempts: 1, lastResponseStatus: 204, nextAttemptAt: null }),
      now,
    );
    expect(facts).toMatchObject({ status: 'Succeeded', badge: 'ok', attempts: '1 attempt' });
    expect(facts.response).toBe('HTTP 204');
    expect(facts.next).toBe('—');
  });

  it('shows a failed attempt’s status once, and when it is tried again', () => {
    const facts = deliveryFacts(
      delivery({
        attempts: 2,
        lastResponseStatus: 500,
        lastError: 'HTTP 500',
        nextAttemptAt: '2026-11-23T10:01:30.000Z',
      }),
      now,
    );
    expect(facts).toMatchObject({ attempts: '2 attempts', response: 'HTTP 500', next: 'in 2 min' });
  });

  it('shows the error of an attempt without an answer, of a 410, and why a delivery was given up', () => {
    expect(
      deliveryFacts(delivery({ attempts: 1, lastError: 'connect ECONNREFUSED 127.0.0.1:9' }), now)
        .response,
    ).toBe('connect ECONNREFUSED 127.0.0.1:9');
    const gone = delivery({
      status: 'failed',
      attempts: 1,
      lastResponseStatus: 410,
      lastError: 'HTTP 410 Gone: the endpoint was disabled',
      nextAttemptAt: null,
    });
    expect(deliveryFacts(gone, now)).toMatchObject({
      status: 'Failed',
      badge: 'failing',
      response: 'HTTP 410 Gone: the endpoint was disabled',
    });
    const givenUp = delivery({
      status: 'failed',
      attempts: 1,
      lastResponseStatus: 500,
      lastError: 'the endpoint was disabled',
      nextAttemptAt: null,
    });
    expect(deliveryFacts(givenUp, now).response).toBe(
      'The endpoint was disabled (last answer HTTP 500)',
    );
  });
});

describe('timeUntil', () => {
  it('counts seconds, then minutes, then names the time', () => {
    expect(timeUntil('2026-11-23T09:59:00.000Z', now)).toBe('now');
    expect(timeUntil('2026-11-23T10:00:28.000Z', now)).toBe('in 28 s');
    expect(timeUntil('2026-11-23T10:04:30.000Z', now)).toBe('in 5 min');
    const later = new Date(now.getTime() + 3 * 3_600_000);
    const time = later.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    expect(timeUntil(later.toISOString(), now)).toMatch(new RegExp(`${time}$`));
  });
});

describe('sendingNow', () => {
  it('is true while a pending delivery is due, false once each is settled or waits', () => {
    expect(sendingNow([delivery({})], now)).toBe(true);
    expect(sendingNow([delivery({ nextAttemptAt: '2026-11-23T10:00:30.000Z' })], now)).toBe(false);
    expect(sendingNow([delivery({ status: 'succeeded', nextAttemptAt: null })], now)).toBe(false);
    expect(sendingNow([], now)).toBe(false);
  });
});
