// The memory store's table (core internals), held to a Map under load: long probe chains where
// live, expired and reused slots sit side by side, as the store's own tests rarely reach.
import { describe, expect, it } from 'vitest';
import { FingerprintTable } from '../src/internal/fingerprint-table.js';

const T0 = 1_700_000_000;

// A small deterministic generator (mulberry32): the same chains on every run.
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

describe('FingerprintTable', () => {
  it('answers as a Map of expiries would, through crowding, expiry, reuse and rebuilds', () => {
    const next = random(12);
    const table = new FingerprintTable(T0);
    const model = new Map<string, number>();
    let now = T0;
    let refused = 0;
    let reusedAfterExpiry = 0;
    for (let op = 0; op < 60_000; op++) {
      if (next() < 0.01) now += Math.floor(next() * 20);
      const key = `k${Math.floor(next() * 9_000)}`;
      const expiresAt = now + 1 + Math.floor(next() * 30);
      const live = (model.get(key) ?? -Infinity) > now;
      // As the store does: rebuild before an add could push the load over one half.
      if (table.crowded) table.rebuild(now);
      const added = table.add(key, expiresAt, now);
      expect(added).toBe(!live);
      if (added) {
        if (model.has(key)) reusedAfterExpiry++;
        model.set(key, expiresAt);
      } else refused++;
      expect(table.has(key, now)).toBe(true);
    }
    // The run went through what it is meant to: replays refused and expired keys taken again.
    expect(refused).toBeGreaterThan(1_000);
    expect(reusedAfterExpiry).toBeGreaterThan(1_000);
    const live = [...model.values()].filter((expiry) => expiry > now).length;
    expect(table.countLive(now)).toBe(live);
  });
});
