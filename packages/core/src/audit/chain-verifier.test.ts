import { createSecretKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalEvent,
  genesisSeal,
  type SealedContent,
  sealCheckpoint,
  sealEvent,
} from './audit-seal.js';
import { ChainVerifier, type StoredEvent } from './chain-verifier.js';

const key = createSecretKey(Buffer.alloc(32, 7));
const otherKey = createSecretKey(Buffer.alloc(32, 8));

const content = (seq: number): SealedContent => ({
  accountId: 'acc_1',
  seq,
  id: `evt_${seq}`,
  at: `2026-01-01T00:00:0${seq}.000Z`,
  actorType: 'user',
  actorId: 'usr_1',
  action: 'user.updated',
  targetType: 'user',
  targetId: 'usr_2',
  changedFields: '["firstName"]',
  requestId: 'req-1',
  clientAddress: '192.0.2.1',
  keyId: 'audit-k1',
});

/** A chain of `n` events sealed under `key`. */
function chain(n: number): StoredEvent[] {
  const events: StoredEvent[] = [];
  let previous = genesisSeal;
  for (let seq = 1; seq <= n; seq++) {
    const event = content(seq);
    previous = sealEvent(key, previous, event);
    events.push({ ...event, area: 'user', seal: previous });
  }
  return events;
}

function verify(events: StoredEvent[], head = chain(events.length).at(-1)) {
  const verifier = new ChainVerifier({ seq: 0, seal: genesisSeal }, { requireKey: true });
  for (const event of events) if (!verifier.check(event, key)) break;
  return verifier.finish({ seq: head?.seq ?? 0, seal: head?.seal ?? genesisSeal });
}

describe('sealEvent (E3)', () => {
  it('is the HMAC of the previous seal and the canonical form, stable across runs', () => {
    expect(canonicalEvent(content(1))).toBe(
      '["switchboard-audit-1","acc_1",1,"evt_1","2026-01-01T00:00:01.000Z","user","usr_1","user.updated","user","usr_2","[\\"firstName\\"]","req-1","192.0.2.1","audit-k1"]',
    );
    const seal = sealEvent(key, 'previous', content(1));
    expect(seal).toMatch(/^[\w-]{43}$/);
    expect(sealEvent(key, 'previous', content(1))).toBe(seal);
    expect(sealEvent(otherKey, 'previous', content(1))).not.toBe(seal);
    expect(sealEvent(key, 'other', content(1))).not.toBe(seal);
    expect(sealEvent(null, 'previous', content(1))).not.toBe(seal);
  });

  it('seals a checkpoint so that its place cannot be moved without the key', () => {
    const checkpoint = { accountId: 'acc_1', seq: 5, seal: 'x', keyId: 'audit-k1' };
    expect(sealCheckpoint(key, checkpoint)).not.toBe(
      sealCheckpoint(key, { ...checkpoint, seq: 6 }),
    );
  });
});

describe('ChainVerifier (E3)', () => {
  it('passes an intact chain, counting every event', () => {
    expect(verify(chain(4))).toEqual({ ok: true, checked: 4, firstBrokenEventId: null });
  });

  it('names an edited event', () => {
    const events = chain(4);
    events[1] = { ...(events[1] as StoredEvent), changedFields: '["lastName"]' };
    expect(verify(events)).toEqual({ ok: false, checked: 2, firstBrokenEventId: 'evt_2' });
  });

  it('names the event after a removed one', () => {
    const events = chain(4);
    events.splice(1, 1);
    expect(verify(events)).toMatchObject({ ok: false, firstBrokenEventId: 'evt_3' });
  });

  it('names the first of a reordered pair', () => {
    const events = chain(4);
    const [second, third] = [events[1] as StoredEvent, events[2] as StoredEvent];
    events[1] = { ...third, seq: 2 };
    events[2] = { ...second, seq: 3 };
    expect(verify(events)).toMatchObject({ ok: false, firstBrokenEventId: 'evt_3' });
  });

  it('fails when events past the last one were removed (the head names more)', () => {
    expect(verify(chain(3), chain(4).at(-1))).toEqual({
      ok: false,
      checked: 3,
      firstBrokenEventId: null,
    });
  });

  it('refuses an area that does not match the action, and a keyless seal when a key is required', () => {
    const events = chain(2);
    events[0] = { ...(events[0] as StoredEvent), area: 'account' };
    expect(verify(events)).toMatchObject({ ok: false, firstBrokenEventId: 'evt_1' });
    const keyless = { ...content(1), keyId: null };
    const event = { ...keyless, area: 'user', seal: sealEvent(null, genesisSeal, keyless) };
    const strict = new ChainVerifier({ seq: 0, seal: genesisSeal }, { requireKey: true });
    expect(strict.check(event, undefined)).toBe(false);
    const lenient = new ChainVerifier({ seq: 0, seal: genesisSeal }, { requireKey: false });
    expect(lenient.check(event, undefined)).toBe(true);
  });

  it('never accepts a keyless seal after a keyed one, even where keyless seals are allowed', () => {
    const [first] = chain(1);
    const next = { ...content(2), keyId: null };
    const forged = { ...next, area: 'user', seal: sealEvent(null, first?.seal ?? '', next) };
    const verifier = new ChainVerifier({ seq: 0, seal: genesisSeal }, { requireKey: false });
    expect(verifier.check(first as StoredEvent, key)).toBe(true);
    expect(verifier.check(forged, undefined)).toBe(false);
  });

  it('refuses an event naming a key that is not stored', () => {
    const verifier = new ChainVerifier({ seq: 0, seal: genesisSeal }, { requireKey: true });
    expect(verifier.check(chain(1)[0] as StoredEvent, null)).toBe(false);
  });
});
