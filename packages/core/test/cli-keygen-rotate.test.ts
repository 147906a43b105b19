// `xmpp-token keygen --rotate`: the next keys and each phase's config lines, from the keys in the
// environment; and the one list format of XMPP_TOKEN_SECRET / XMPP_OTP_SEED.
import { createXmppToken } from '@xmpp-token/core';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { SECRET, SEED } from './support/vectors.js';

const PATH = process.env.PATH ?? '';
const current = { XMPP_TOKEN_SECRET: SECRET, XMPP_OTP_SEED: SEED };

interface Phase {
  phase: number;
  summary: string;
  app: { XMPP_TOKEN_SECRET: string; XMPP_OTP_SEED: string };
  prosody: { token_secret: string[]; otp_seed: string[] };
  prosodyChanges: boolean;
}

async function rotate(env: Record<string, string> = current) {
  const { code, stdout, stderr } = await runCli(['keygen', '--rotate', '--json'], { PATH, ...env });
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(stdout) as { next: { tokenSecret: string; otpSeed: string }; phases: Phase[] };
}

/** The app instance a phase's environment configures. */
const instanceOf = ({ app }: Phase) =>
  createXmppToken({
    tokenSecret: app.XMPP_TOKEN_SECRET.split(','),
    otpSeed: app.XMPP_OTP_SEED.split(','),
    domain: 'example.com',
  });

describe('xmpp-token keygen --rotate --json', () => {
  it('gives fresh keys and three phases: add second, swap, drop the old', async () => {
    const { next, phases } = await rotate();
    expect(next.tokenSecret).toMatch(/^[A-Z2-7]{52}$/);
    expect(next.otpSeed).toMatch(/^[A-Z2-7]{32}$/);
    const [cur, nxt] = [SECRET, next.tokenSecret];
    expect(phases.map((p) => [p.phase, p.app.XMPP_TOKEN_SECRET, p.prosody.token_secret])).toEqual([
      [1, `${cur},${nxt}`, [cur, nxt]],
      [2, `${nxt},${cur}`, [cur, nxt]],
      [3, nxt, [nxt]],
    ]);
    const seeds = phases.map((p) => [p.app.XMPP_OTP_SEED, p.prosody.otp_seed]);
    expect(seeds).toEqual([
      [`${SEED},${next.otpSeed}`, [SEED, next.otpSeed]],
      [`${next.otpSeed},${SEED}`, [SEED, next.otpSeed]],
      [next.otpSeed, [next.otpSeed]],
    ]);
    // Prosody never mints, so the swap is the app's alone.
    expect(phases.map((p) => p.prosodyChanges)).toEqual([true, false, true]);
    expect(phases[2]?.summary).toMatch(/90 s/);
  });

  it('adjacent phases accept each other’s tokens; skipping phase 1 does not', async () => {
    const { phases } = await rotate();
    const before = createXmppToken({ tokenSecret: SECRET, otpSeed: SEED, domain: 'example.com' });
    const [one, two, three] = phases.map(instanceOf) as [
      typeof before,
      typeof before,
      typeof before,
    ];
    for (const [a, b] of [
      [before, one],
      [one, two],
      [two, three],
    ] as const) {
      await expect(b.verify('alice', a.mint('alice').token)).resolves.toMatchObject({ ok: true });
      await expect(a.verify('alice', b.mint('alice').token)).resolves.toMatchObject({ ok: true });
    }
    await expect(before.verify('alice', two.mint('alice').token)).resolves.toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
  });
});

describe('xmpp-token keygen --rotate', () => {
  it('prints each phase: prosody.cfg.lua lines (Lua-escaped) and the app environment', async () => {
    const { code, stdout } = await runCli(['keygen', '--rotate'], { PATH, ...current });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^# Phase 1: add the new keys second/m);
    const lua = new RegExp(`^token_secret = \\{ "${SECRET}", "([A-Z2-7]{52})" \\}$`, 'm');
    const next = lua.exec(stdout)?.[1] ?? '';
    expect(stdout).toContain(`\nXMPP_TOKEN_SECRET=${SECRET},${next}\n`);
    expect(stdout).toContain(`\nXMPP_TOKEN_SECRET=${next},${SECRET}\n`);
    expect(stdout).toMatch(/^otp_seed = "[A-Z2-7]{32}"$/m);
    expect(stdout.match(/^# Phase \d/gm)).toEqual(['# Phase 1', '# Phase 2', '# Phase 3']);
    // Any current token_secret is written as a Lua literal of the same bytes, and as one sh word.
    const escaped = await runCli(['keygen', '--rotate'], {
      PATH,
      XMPP_OTP_SEED: SEED,
      XMPP_TOKEN_SECRET: 'a "quoted" secret; with\\ and \'',
    });
    expect(escaped.stdout).toContain(`{ "a \\034quoted\\034 secret; with\\092 and '", "`);
    expect(escaped.stdout).toContain(`XMPP_TOKEN_SECRET='a "quoted" secret; with\\ and '\\'',`);
  });

  it('refuses, naming variables and never a key, when the environment cannot rotate', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ XMPP_OTP_SEED: SEED }, /missing environment variable XMPP_TOKEN_SECRET/],
      [{ ...current, XMPP_OTP_SEED: `${SEED},JBSWY3DPEHPK3PXP` }, /XMPP_OTP_SEED holds 2 keys/],
      [{ ...current, XMPP_OTP_SEED: 'NOT-BASE32-SEED!' }, /otpSeed is not base32/],
      [{ ...current, XMPP_TOKEN_SECRET: 'hunter2' }, /tokenSecret is 7 bytes/],
    ];
    for (const [env, message] of cases) {
      const { code, stdout, stderr } = await runCli(['keygen', '--rotate'], { PATH, ...env });
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
      for (const value of [SECRET, SEED, 'NOT-BASE32-SEED!', 'hunter2', 'JBSWY3DPEHPK3PXP']) {
        expect(stderr).not.toContain(value);
      }
    }
  });
});

describe('the lists in XMPP_TOKEN_SECRET and XMPP_OTP_SEED', () => {
  it('are keys separated by a comma alone: spaces or empty items are refused, unquoted', async () => {
    const mint = (env: Record<string, string>) =>
      runCli(['mint', '--jid', 'alice@example.com'], { PATH, ...current, ...env });
    const spaced = await mint({ XMPP_OTP_SEED: `${SEED}, JBSWY3DPEHPK3PXP` });
    expect(spaced).toMatchObject({ code: 2 });
    expect(spaced.stderr).toMatch(/XMPP_OTP_SEED item 2 has spaces around it/);
    const empty = await mint({ XMPP_TOKEN_SECRET: `${SECRET},` });
    expect(empty.stderr).toMatch(/XMPP_TOKEN_SECRET item 2 is empty/);
    for (const { stderr } of [spaced, empty]) {
      expect(stderr).not.toContain(SEED);
      expect(stderr).not.toContain(SECRET);
    }
    const listed = await mint({ XMPP_OTP_SEED: `JBSWY3DPEHPK3PXP,${SEED}` });
    expect(listed).toMatchObject({ code: 0, stderr: '' });
  });
});
