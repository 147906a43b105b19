// The key rotation runbook (README "Rotating keys"), against real Prosody with two app instances:
// phase 1 adds the new keys second everywhere, phase 2 puts them first in the app, phase 3 drops
// the old ones. Prosody restarts when its lines change. At every moment of a rolling deploy (the
// app instances and Prosody in the same or adjacent phases), every token either instance mints is
// accepted by the other instance and logs in to Prosody; skipping phase 1 breaks that.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createXmppToken, generateKeys, type GeneratedKeys } from '@xmpp-token/core';
import { describe, expect, it } from 'vitest';
import { ACCEPTED, NOT_AUTHORIZED, rawLogin, xmppJsLogin } from './support/clients.js';
import { hasProsody, useProsody, type ProsodySuite } from './support/prosody.js';

const cli = fileURLToPath(new URL('../../core/dist/cli.js', import.meta.url));

/** One side's keys in one phase, the minting key first. */
interface Keys {
  readonly tokenSecret: readonly string[];
  readonly otpSeed: readonly string[];
}

/** Phases 0 (before) to 3 (after): what the app instances and Prosody hold in each. */
interface Runbook {
  readonly app: readonly Keys[];
  readonly prosody: readonly Keys[];
}

type Rotated = 'both' | 'tokenSecret' | 'otpSeed';

/** The runbook for rotating one key, or both: the other keeps its one current value. */
function runbookFor(current: GeneratedKeys, next: GeneratedKeys, rotated: Rotated): Runbook {
  const lists = (name: keyof Keys) =>
    rotated === 'both' || rotated === name
      ? [[current[name]], [current[name], next[name]], [next[name], current[name]], [next[name]]]
      : [[current[name]], [current[name]], [current[name]], [current[name]]];
  const [secrets, seeds] = [lists('tokenSecret'), lists('otpSeed')];
  const app = secrets.map((tokenSecret, i) => ({ tokenSecret, otpSeed: seeds[i] ?? [] }));
  // Prosody only verifies: it keeps phase 1's lines through phase 2.
  return { app, prosody: [app[0], app[1], app[1], app[3]] as Keys[] };
}

/** What `xmpp-token keygen --rotate --json` prints for the suite's keys, as a runbook. */
async function runbookFromCli(current: GeneratedKeys): Promise<[Runbook, GeneratedKeys]> {
  const env = { PATH: process.env.PATH, XMPP_TOKEN_SECRET: current.tokenSecret };
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [cli, 'keygen', '--rotate', '--json'],
    {
      env: { ...env, XMPP_OTP_SEED: current.otpSeed },
    },
  );
  const printed = JSON.parse(stdout) as {
    next: GeneratedKeys;
    phases: {
      app: { XMPP_TOKEN_SECRET: string; XMPP_OTP_SEED: string };
      prosody: { token_secret: string[]; otp_seed: string[] };
    }[];
  };
  const before = { tokenSecret: [current.tokenSecret], otpSeed: [current.otpSeed] };
  const app = printed.phases.map(({ app: env }) => ({
    tokenSecret: env.XMPP_TOKEN_SECRET.split(','),
    otpSeed: env.XMPP_OTP_SEED.split(','),
  }));
  const prosody = printed.phases.map(({ prosody: cfg }) => ({
    tokenSecret: cfg.token_secret,
    otpSeed: cfg.otp_seed,
  }));
  return [{ app: [before, ...app], prosody: [before, ...prosody] }, printed.next];
}

const instance = (keys: Keys) => createXmppToken({ ...keys, domain: 'localhost' });

/** The app phases an instance may run while Prosody runs `prosodyPhase`: it, or one next to it. */
function appPairs(prosodyPhase: number): [number, number][] {
  const near = [prosodyPhase - 1, prosodyPhase, prosodyPhase + 1].filter((p) => p >= 0 && p <= 3);
  return near.flatMap((a) =>
    near
      .filter((b) => Math.max(a, b, prosodyPhase) - Math.min(a, b, prosodyPhase) <= 1)
      .map((b): [number, number] => [a, b]),
  );
}

/** What {@link walk} checked: logins accepted, and stale tokens refused. */
interface Walked {
  readonly accepted: number;
  readonly refused: number;
}

/**
 * Walks the runbook on `suite`'s Prosody (started on phase 0's keys). In each Prosody phase, each
 * pair of app instance phases a rolling deploy allows mints for the other and for Prosody. Across
 * a Prosody restart, the tokens minted just before by instances in the phases on both sides of it
 * log in after it; those of an instance two phases behind (phase 1's, when Prosody drops the old
 * keys) are refused: what the 90 s wait before phase 3 is for.
 */
async function walk(suite: ProsodySuite, runbook: Runbook): Promise<Walked> {
  const login = (token: string) =>
    rawLogin({ url: suite.server.c2sUrl, domain: 'localhost' }, 'alice', token);
  let [accepted, refused] = [0, 0];
  let inFlight: string[] = [];
  let stale: string[] = [];
  for (let phase = 0; phase <= 3; phase++) {
    const lines = runbook.prosody[phase];
    if (phase > 0 && JSON.stringify(lines) !== JSON.stringify(runbook.prosody[phase - 1])) {
      await suite.server.restart(lines);
      for (const token of inFlight) await expect(login(token)).resolves.toEqual(ACCEPTED);
      for (const token of stale) await expect(login(token)).resolves.toEqual(NOT_AUTHORIZED);
      [accepted, refused] = [accepted + inFlight.length, refused + stale.length];
    }
    inFlight = [];
    stale = [];
    for (const [a, b] of appPairs(phase)) {
      const minter = instance(runbook.app[a] as Keys);
      const pair = `Prosody in phase ${phase}, instances in phases ${a} and ${b}`;
      const { token } = minter.mint('alice');
      await expect(
        instance(runbook.app[b] as Keys).verify('alice', token),
        pair,
      ).resolves.toMatchObject({ ok: true });
      await expect(login(token), pair).resolves.toEqual(ACCEPTED);
      // One more, kept unused across Prosody's next restart.
      (a >= phase ? inFlight : stale).push(minter.mint('alice').token);
      accepted += 1;
    }
    // A real client, through resource binding, with the newest instance's token.
    const { jid, token } = instance(runbook.app[Math.min(phase + 1, 3)] as Keys).mint('alice');
    const bound = xmppJsLogin(suite.server.c2sUrl, 'localhost', { jid, password: token });
    await expect(bound).resolves.toMatch(/^alice@localhost\//);
    accepted += 1;
  }
  return { accepted, refused };
}

// 22 instance pairs; across Prosody's 2 restarts, 4 + 5 tokens in flight accepted and phase 1's
// 2 stale ones refused; 4 xmpp.js logins.
const WALKED: Walked = { accepted: 35, refused: 2 };

describe.skipIf(!hasProsody)('key rotation: the runbook keygen --rotate prints', () => {
  const suite = useProsody();

  it('no login fails through each phase and transition, with two app instances', async () => {
    const [runbook, next] = await runbookFromCli(suite.keys);
    // The CLI's phases are the runbook's: new keys second, then first, then alone.
    expect(runbook).toEqual(runbookFor(suite.keys, next, 'both'));
    await expect(walk(suite, runbook)).resolves.toEqual(WALKED);
    // Phase 3: the old keys' tokens are refused, by the app and by Prosody.
    const old = instance({ tokenSecret: [suite.keys.tokenSecret], otpSeed: [suite.keys.otpSeed] });
    const { token } = old.mint('alice');
    await expect(instance(runbook.app[3] as Keys).verify('alice', token)).resolves.toMatchObject({
      ok: false,
    });
    await expect(
      rawLogin({ url: suite.server.c2sUrl, domain: 'localhost' }, 'alice', token),
    ).resolves.toEqual(NOT_AUTHORIZED);
  });
});

describe.skipIf(!hasProsody)('key rotation: one key at a time', () => {
  const suite = useProsody();
  // Each run starts from the keys Prosody holds: the previous run's new ones.
  let current: GeneratedKeys = suite.keys;

  it.each<Exclude<Rotated, 'both'>>(['tokenSecret', 'otpSeed'])(
    'rotating %s alone follows the same phases, and no login fails',
    async (rotated) => {
      const next = generateKeys();
      const runbook = runbookFor(current, next, rotated);
      current = { ...current, [rotated]: next[rotated] };
      await expect(walk(suite, runbook)).resolves.toEqual(WALKED);
    },
  );
});

describe.skipIf(!hasProsody)('key rotation: skipping phase 1 fails logins', () => {
  const suite = useProsody();

  it('an instance that swaps straight to the new keys mints tokens the others refuse', async () => {
    const runbook = runbookFor(suite.keys, generateKeys(), 'both');
    // Phase 2's lines while another instance, and Prosody, still hold phase 0's.
    const early = instance(runbook.app[2] as Keys);
    const { token } = early.mint('alice');
    await expect(instance(runbook.app[0] as Keys).verify('alice', token)).resolves.toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    await expect(
      rawLogin({ url: suite.server.c2sUrl, domain: 'localhost' }, 'alice', token),
    ).resolves.toEqual(NOT_AUTHORIZED);
    // With phase 1 done first, the same instance's tokens are accepted everywhere.
    await suite.server.restart(runbook.prosody[1]);
    const { token: later } = early.mint('alice');
    await expect(instance(runbook.app[1] as Keys).verify('alice', later)).resolves.toMatchObject({
      ok: true,
    });
    await expect(
      rawLogin({ url: suite.server.c2sUrl, domain: 'localhost' }, 'alice', later),
    ).resolves.toEqual(ACCEPTED);
  });
});
