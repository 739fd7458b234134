import { describe, expect, it } from 'vitest';
import { BackgroundRounds } from './background-rounds.js';

/** A round that waits until it is let go. */
function heldRounds() {
  const started: (() => void)[] = [];
  const errors: unknown[] = [];
  const rounds = new BackgroundRounds(
    () => new Promise<void>((resolve) => started.push(resolve)),
    (error) => errors.push(error),
  );
  return { rounds, started, errors };
}

describe('background rounds', () => {
  it('runs one more round when kicked during a round, and idle() waits for both', async () => {
    const { rounds, started } = heldRounds();
    rounds.kick();
    rounds.kick(); // during the first round: one more follows
    rounds.kick(); // …still one
    expect(started).toHaveLength(1);
    let idle = false;
    const waiting = rounds.idle().then(() => {
      idle = true;
    });
    started[0]?.();
    await expect.poll(() => started.length).toBe(2);
    expect(idle).toBe(false);
    started[1]?.();
    await waiting;
    expect(started).toHaveLength(2);
  });

  it('hands a failed round to onError and keeps going', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const rounds = new BackgroundRounds(
      async () => {
        calls++;
        if (calls === 1) throw new Error('smtp down');
      },
      (error) => errors.push(error),
    );
    rounds.kick();
    await rounds.idle();
    rounds.kick();
    await rounds.idle();
    expect(calls).toBe(2);
    expect(errors).toEqual([new Error('smtp down')]);
  });

  it('starts no round after stop()', async () => {
    const { rounds, started } = heldRounds();
    rounds.stop();
    rounds.kick();
    await rounds.idle();
    expect(started).toHaveLength(0);
  });
});
