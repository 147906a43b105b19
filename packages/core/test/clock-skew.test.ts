// The probe's skew estimate (CLI internals): sound bounds from accepted and refused attempts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { skewRange, type TimedAttempt } from '../src/cli/probe/clock-skew.js';

const STEP = 30_000;

/** What Prosody, its clock `skewMs` ahead of the app's, answers to a token minted `offsetSteps` away. */
function attempt(
  appNow: number,
  offsetSteps: number,
  skewMs: number,
  latencyMs: number,
): TimedAttempt {
  const step = Math.floor((appNow + offsetSteps * STEP) / STEP);
  const validFrom = (step - 1) * STEP;
  const validUntil = (step + 2) * STEP;
  const checkedAt = appNow + latencyMs / 2 + skewMs;
  const accepted = checkedAt >= validFrom && checkedAt < validUntil;
  return { validFrom, validUntil, sentAt: appNow, answeredAt: appNow + latencyMs, accepted };
}

/** The probe's order: now, then one and two steps earlier and later, until one is accepted. */
function probe(appNow: number, skewMs: number, latencyMs: number): TimedAttempt[] {
  const attempts: TimedAttempt[] = [];
  for (const offset of [0, -1, 1, -2, 2]) {
    const next = attempt(appNow + attempts.length * latencyMs, offset, skewMs, latencyMs);
    attempts.push(next);
    if (next.accepted) break;
  }
  return attempts;
}

describe('skewRange', () => {
  it('is undefined when nothing was accepted', () => {
    expect(skewRange(probe(1_700_000_000_000, 10 * 60_000, 5))).toBeUndefined();
  });

  it('pins a 65 s skew to one step when the token 30 s earlier is accepted', () => {
    const range = skewRange(probe(1_700_000_000_000, -65_000, 4));
    expect(range?.min).toBeLessThanOrEqual(-65_000);
    expect(range?.max).toBeGreaterThanOrEqual(-65_000);
    expect((range?.max ?? 0) - (range?.min ?? 0)).toBeLessThanOrEqual(STEP + 8);
  });

  it('always contains the true skew, for any clock, skew within reach and latency', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }),
        fc.integer({ min: -100_000, max: 100_000 }),
        fc.integer({ min: 0, max: 2000 }),
        (appNow, skewMs, latencyMs) => {
          const range = skewRange(probe(appNow, skewMs, latencyMs));
          if (range === undefined) return Math.abs(skewMs) > 60_000;
          return range.min <= skewMs && skewMs <= range.max;
        },
      ),
    );
  });
});
