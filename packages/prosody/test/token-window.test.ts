import { describe, expect, it } from 'vitest';
import { ACCEPTED, NOT_AUTHORIZED, rawLogin } from './support/clients.js';
import { STEP_MS, mintAt, settledStep } from './support/clock.js';
import { expectLogged, hasProsody, useProsody } from './support/prosody.js';

/**
 * A token minted in step W is accepted from step W-1 to W+1, i.e. at [30(W-1), 30(W+2)) s
 * (PROTOCOL.md). Prosody reads the real clock, so tokens are minted at instants around the
 * current step S: each case's verdict holds for the whole step.
 */
const CASES = [
  { name: 'now', at: (s: number) => s * STEP_MS + 15_000, verdict: 'accepted' },
  {
    name: 'last ms of S-2 (stopped 0 ms ago at the earliest)',
    at: (s: number) => (s - 1) * STEP_MS - 1,
    verdict: 'expired',
  },
  { name: 'first ms of S-1', at: (s: number) => (s - 1) * STEP_MS, verdict: 'accepted' },
  { name: 'last ms of S-1', at: (s: number) => s * STEP_MS - 1, verdict: 'accepted' },
  {
    name: 'first ms of S+1 (app clock ahead)',
    at: (s: number) => (s + 1) * STEP_MS,
    verdict: 'accepted',
  },
  { name: 'last ms of S+1', at: (s: number) => (s + 2) * STEP_MS - 1, verdict: 'accepted' },
  { name: 'first ms of S+2', at: (s: number) => (s + 2) * STEP_MS, verdict: 'not_yet_valid' },
  { name: '90 s ago', at: (s: number) => s * STEP_MS - 90_000, verdict: 'expired' },
  { name: '10 min ago', at: (s: number) => s * STEP_MS - 600_000, verdict: 'expired' },
  { name: '2 min ahead', at: (s: number) => s * STEP_MS + 120_000, verdict: 'not_yet_valid' },
  {
    name: '1 hour ahead (beyond the lookahead: reported as expired)',
    at: (s: number) => s * STEP_MS + 3_600_000,
    verdict: 'expired',
  },
] as const;

describe.skipIf(!hasProsody)('the validity window, against Prosody’s own clock', () => {
  const suite = useProsody();

  describe.each([
    ['c2s', () => suite.server.c2sUrl],
    ['WebSocket', () => suite.server.websocketUrl],
  ] as const)('over %s', (_transport, url) => {
    it.each(CASES)('minted at $name: $verdict', async ({ at, verdict }) => {
      const step = await settledStep();
      const user = `window-${Math.random().toString(36).slice(2, 10)}`;
      const { token } = mintAt(suite.keys, 'localhost', user, at(step));
      const mark = suite.logMark();
      const outcome = await rawLogin({ url: url(), domain: 'localhost' }, user, token);
      expect(Math.floor(Date.now() / STEP_MS), 'the step changed during the test').toBe(step);
      if (verdict === 'accepted') {
        expect(outcome).toEqual(ACCEPTED);
        await expectLogged(suite, mark, `X-TOKEN accepted for ${user}`);
      } else {
        expect(outcome).toEqual(NOT_AUTHORIZED);
        await expectLogged(suite, mark, `X-TOKEN refused: ${verdict} for ${user}`);
      }
    });
  });
});
