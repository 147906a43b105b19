import {
  ConfigurationError,
  ReplayStoreError,
  createMemoryReplayStore,
  isXmppTokenError,
} from '@xmpp-token/core';
import { describe, expect, it } from 'vitest';
import { createAt, manualClock, thrownBy } from './support/vectors.js';

const T0 = 1_700_000_000_000;

describe('createMemoryReplayStore', () => {
  it('remembers a key once, until its TTL is over', () => {
    const clock = manualClock(T0);
    const store = createMemoryReplayStore({ clock });
    expect(store.remember('k', 10_000)).toBe(true);
    expect(store.remember('k', 10_000)).toBe(false);
    clock.set(T0 + 9_999);
    expect(store.remember('k', 10_000)).toBe(false);
    clock.set(T0 + 11_000);
    expect(store.remember('k', 10_000)).toBe(true);
  });

  it('keeps a key at least its TTL, at most a second more (expiry in whole seconds)', () => {
    const clock = manualClock(T0 + 500);
    const store = createMemoryReplayStore({ clock });
    store.remember('k', 1_000);
    clock.set(T0 + 1_499);
    expect(store.remember('k', 1_000)).toBe(false);
    clock.set(T0 + 2_000);
    expect(store.remember('k', 1_000)).toBe(true);
  });

  it('keeps time by the now it is given (the verifier’s reading), else by its clock', () => {
    const clock = manualClock(T0);
    const store = createMemoryReplayStore({ clock });
    expect(store.remember('k', 1_000, T0 + 60_000)).toBe(true);
    expect(store.remember('k', 1_000, T0 + 60_500)).toBe(false);
    expect(store.remember('k', 1_000, T0 + 62_000)).toBe(true);
    // Without a now, its own clock: T0, long before the key's expiry.
    expect(store.remember('k', 1_000)).toBe(false);
    expect(() => store.remember('j', 1_000, Number.NaN)).toThrow(ReplayStoreError);
  });

  it('tells keys apart', () => {
    const store = createMemoryReplayStore({ clock: () => T0 });
    expect(store.remember('a', 1_000)).toBe(true);
    expect(store.remember('b', 1_000)).toBe(true);
    expect(store.size).toBe(2);
  });

  it('drops expired keys as time passes', () => {
    const clock = manualClock(T0);
    const store = createMemoryReplayStore({ clock });
    for (let i = 0; i < 100; i++) store.remember(`k${i}`, 5_000);
    expect(store.size).toBe(100);
    clock.set(T0 + 10_000);
    store.remember('late', 5_000);
    expect(store.size).toBe(1);
  });

  it('keeps every live key through growth and rebuilds, and reuses expired room', () => {
    const clock = manualClock(T0);
    const store = createMemoryReplayStore({ clock });
    const keys = Array.from({ length: 20_000 }, (_, i) => `key-${i}`);
    for (const key of keys) expect(store.remember(key, 30_000)).toBe(true);
    expect(store.size).toBe(20_000);
    expect(keys.filter((key) => store.remember(key, 30_000))).toEqual([]);
    clock.set(T0 + 15_000);
    for (let i = 0; i < 20_000; i++) expect(store.remember(`later-${i}`, 30_000)).toBe(true);
    expect(store.size).toBe(40_000);
    clock.set(T0 + 31_000);
    expect(store.size).toBe(20_000);
    expect(keys.every((key) => store.remember(key, 30_000))).toBe(true);
    expect(store.remember('later-7', 30_000)).toBe(false);
  });

  describe('at maxEntries', () => {
    it('refuses a new key with ReplayStoreError rather than evict a live one', () => {
      const store = createMemoryReplayStore({ maxEntries: 2, clock: () => T0 });
      store.remember('a', 60_000);
      store.remember('b', 60_000);
      const error = thrownBy(() => store.remember('c', 60_000));
      expect(error).toBeInstanceOf(ReplayStoreError);
      expect(isXmppTokenError(error, 'ERR_XMPP_TOKEN_STORE')).toBe(true);
      expect(store.size).toBe(2);
      // Still remembered: a replay is still refused, not accepted.
      expect(store.remember('a', 60_000)).toBe(false);
      expect(store.remember('b', 60_000)).toBe(false);
    });

    it('accepts again once entries expire', () => {
      const clock = manualClock(T0);
      const store = createMemoryReplayStore({ maxEntries: 2, clock });
      store.remember('a', 1_000);
      store.remember('b', 1_000);
      expect(() => store.remember('c', 1_000)).toThrow(ReplayStoreError);
      clock.set(T0 + 3_000);
      expect(store.remember('c', 1_000)).toBe(true);
      expect(store.size).toBe(1);
    });

    it('reclaims expired keys queued behind a longer-lived one', () => {
      const clock = manualClock(T0);
      const store = createMemoryReplayStore({ maxEntries: 2, clock });
      store.remember('long', 600_000);
      store.remember('short', 1_000);
      clock.set(T0 + 5_000);
      expect(store.remember('new', 1_000)).toBe(true);
      expect(store.remember('long', 1_000)).toBe(false);
    });
  });

  it('as the verifier’s store: a full store fails closed with store_failure, then recovers', async () => {
    const clock = manualClock(T0);
    const replayStore = createMemoryReplayStore({ maxEntries: 2, clock });
    const xmppToken = createAt(clock, { replayStore });
    const tokens = ['a', 'b', 'c'].map((user) => xmppToken.mint(user).token);
    await expect(xmppToken.verify('a', tokens[0] ?? '')).resolves.toMatchObject({ ok: true });
    await expect(xmppToken.verify('b', tokens[1] ?? '')).resolves.toMatchObject({ ok: true });
    const refused = await xmppToken.verify('c', tokens[2] ?? '');
    expect(refused).toMatchObject({ ok: false, reason: 'store_failure' });
    expect(refused.ok === false && refused.cause).toBeInstanceOf(ReplayStoreError);
    // Not evicted: the accepted tokens stay refused.
    await expect(xmppToken.verify('a', tokens[0] ?? '')).resolves.toMatchObject({
      reason: 'replayed',
    });
    // Once the remembered tokens can no longer verify, they are forgotten and room is made.
    clock.set(T0 + 120_000);
    const fresh = xmppToken.mint('c').token;
    await expect(xmppToken.verify('c', fresh)).resolves.toMatchObject({ ok: true });
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])(
    'throws ConfigurationError for maxEntries %s',
    (maxEntries) => {
      const error = thrownBy(() => createMemoryReplayStore({ maxEntries }));
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toMatch(/maxEntries/);
    },
  );

  describe('far from 1970', () => {
    // 2106-02-07T06:28:16Z is 2^32 seconds after the epoch: where 32-bit Unix seconds wrap.
    const WRAP = 2 ** 32 * 1000;

    it.each([
      ['2200', Date.UTC(2200, 0, 1)],
      ['the 2106 wrap', WRAP],
      ['a second before the wrap', WRAP - 1_000],
      ['year 275000', 8.64e15 - 60_000],
    ])('keeps refusing a replay in %s', (_name, now) => {
      const clock = manualClock(now);
      const store = createMemoryReplayStore({ clock });
      expect(store.remember('k', 60_000)).toBe(true);
      clock.set(now + 30_000);
      expect(store.remember('k', 60_000)).toBe(false);
      expect(store.size).toBe(1);
      clock.set(now + 61_000);
      expect(store.remember('k', 60_000)).toBe(true);
    });

    it('keeps its keys across a clock that steps 100 years forward, then back', () => {
      const clock = manualClock(T0);
      const store = createMemoryReplayStore({ clock });
      store.remember('before', 60_000);
      const century = 100 * 365 * 86_400_000;
      clock.set(T0 + century);
      expect(store.remember('after', 60_000)).toBe(true);
      expect(store.remember('after', 60_000)).toBe(false);
      expect(store.remember('before', 60_000)).toBe(true); // long expired by then
      clock.set(T0);
      // Back in the present, both look live again: refusing is the safe side.
      expect(store.remember('after', 60_000)).toBe(false);
    });

    it('as the verifier’s store in 2200: a replayed token is refused', async () => {
      const now = Date.UTC(2200, 0, 1, 12);
      const xmppToken = createAt(now);
      const { token } = xmppToken.mint('alice');
      await expect(xmppToken.verify('alice', token)).resolves.toMatchObject({ ok: true });
      await expect(xmppToken.verify('alice', token)).resolves.toEqual({
        ok: false,
        reason: 'replayed',
      });
    });
  });

  it('fails closed on a clock that gives no time', () => {
    const store = createMemoryReplayStore({ clock: () => Number.NaN });
    expect(() => store.remember('k', 1_000)).toThrow(ReplayStoreError);
  });
});
