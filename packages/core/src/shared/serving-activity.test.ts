import { describe, expect, it } from 'vitest';
import { ServingActivity } from './serving-activity.js';

describe('serving activity (E4: deliveries give way to requests)', () => {
  it('is busy from a request until the quiet time has passed without another', () => {
    let now = 1_000;
    const serving = new ServingActivity(100, () => now);
    expect(serving.busy()).toBe(false);
    serving.noteRequest();
    expect(serving.busy()).toBe(true);
    now += 99;
    expect(serving.busy()).toBe(true);
    serving.noteRequest();
    now += 99;
    expect(serving.busy()).toBe(true);
    now += 1;
    expect(serving.busy()).toBe(false);
  });
});
