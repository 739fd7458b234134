import { describe, expect, it } from 'vitest';
import { DeliveryPace } from './delivery-pace.js';

describe('the pace of webhook deliveries (E4: sending gives way to requests)', () => {
  const paceAt = (busy: boolean) => {
    const clock = { now: 0, busy };
    const pace = new DeliveryPace({ busy: () => clock.busy }, 50, () => clock.now);
    return { clock, pace };
  };

  it('starts as many as there is room for while the host serves no requests', () => {
    const { pace } = paceAt(false);
    expect(pace.take(16)).toEqual({ start: 16, waitMs: 0 });
    expect(pace.take(16)).toEqual({ start: 16, waitMs: 0 });
    expect(pace.take(0)).toEqual({ start: 0, waitMs: 0 });
  });

  it('starts one by one, at most the rate a second, while it serves requests', () => {
    const { clock, pace } = paceAt(true);
    expect(pace.take(16)).toEqual({ start: 1, waitMs: 0 });
    expect(pace.take(16)).toEqual({ start: 0, waitMs: 20 });
    clock.now = 15;
    expect(pace.take(16)).toEqual({ start: 0, waitMs: 5 });
    clock.now = 20;
    expect(pace.take(16)).toEqual({ start: 1, waitMs: 0 });
    // No room: nothing starts and there is nothing to wait for but a free slot.
    expect(pace.take(0)).toEqual({ start: 0, waitMs: 0 });
  });

  it('refuses a rate that is not above 0, naming the option', () => {
    for (const rate of [0, -5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => new DeliveryPace({ busy: () => true }, rate)).toThrow(
        /webhooks.ratePerSecondWhileServing must be a number above 0/,
      );
  });

  it('goes back to full speed as soon as the requests stop', () => {
    const { clock, pace } = paceAt(true);
    expect(pace.take(8)).toEqual({ start: 1, waitMs: 0 });
    clock.busy = false;
    expect(pace.take(8)).toEqual({ start: 8, waitMs: 0 });
  });

  it('lets what waits on the event loop run before the next step while it serves requests', async () => {
    const order = async (busy: boolean) => {
      const { pace } = paceAt(busy);
      const happened: string[] = [];
      setImmediate(() => happened.push('a request'));
      await pace.giveWay();
      happened.push('the next step');
      await new Promise((resolve) => setImmediate(resolve));
      return happened;
    };
    expect(await order(true)).toEqual(['a request', 'the next step']);
    expect(await order(false)).toEqual(['the next step', 'a request']);
  });
});
