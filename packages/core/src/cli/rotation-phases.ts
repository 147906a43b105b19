import type { GeneratedKeys } from '../generate-keys.js';

/** One phase of a key rotation: the keys, first the minting one, for the app and for Prosody. */
export interface RotationPhase {
  readonly phase: 1 | 2 | 3;
  /** What this phase does, and when it may start. */
  readonly summary: string;
  /** The app's environment: XMPP_TOKEN_SECRET and XMPP_OTP_SEED, comma-separated lists. */
  readonly app: { readonly XMPP_TOKEN_SECRET: string; readonly XMPP_OTP_SEED: string };
  /** prosody.cfg.lua's `token_secret` and `otp_seed`: lists, or one key. */
  readonly prosody: {
    readonly token_secret: readonly string[];
    readonly otp_seed: readonly string[];
  };
  /** False when Prosody keeps the previous phase's lines (it never mints: order is moot). */
  readonly prosodyChanges: boolean;
}

type Keys = Pick<GeneratedKeys, 'tokenSecret' | 'otpSeed'>;

// A token lives at most 60 s (window 1, 30 s steps); the rest is room for clock drift.
const DRAIN_SECONDS = 90;

const SUMMARIES = {
  1: 'add the new keys second, everywhere, in any order: all still mint with the current keys',
  2:
    'once phase 1 runs on Prosody and on every app instance: the new keys first, so the app ' +
    'mints with them. Prosody: unchanged (it only verifies, in any order)',
  3:
    `once phase 2 runs on every app instance, and ${DRAIN_SECONDS} s later (the longest a ` +
    'token minted with the old keys lives): drop the old keys, everywhere, in any order',
} as const;

/**
 * The three phases of a rotation from `current` to `next`. Each may roll out one instance at a
 * time: an instance in one phase accepts every token an instance in the next or previous one
 * mints, and so does Prosody. Skipping phase 1 breaks that: an instance still on the current
 * keys alone refuses the new keys' tokens.
 */
export function rotationPhases(current: Keys, next: Keys): RotationPhase[] {
  const lists = [[current, next], [next, current], [next]];
  return lists.map((keys, i) => {
    const phase = (i + 1) as 1 | 2 | 3;
    const tokenSecret = keys.map((k) => k.tokenSecret);
    const otpSeed = keys.map((k) => k.otpSeed);
    // Prosody's lists stay those of phase 1 in phase 2.
    const prosodyKeys = phase === 2 ? (lists[0] as Keys[]) : keys;
    return {
      phase,
      summary: SUMMARIES[phase],
      app: { XMPP_TOKEN_SECRET: tokenSecret.join(','), XMPP_OTP_SEED: otpSeed.join(',') },
      prosody: {
        token_secret: prosodyKeys.map((k) => k.tokenSecret),
        otp_seed: prosodyKeys.map((k) => k.otpSeed),
      },
      prosodyChanges: phase !== 2,
    };
  });
}

/** The phases as comment-headed config lines: the app's environment and prosody.cfg.lua's. */
export function formatRotation(phases: readonly RotationPhase[]): string {
  const out = [
    '# Key rotation without downtime, in three phases. Roll each phase out to Prosody and to every',
    '# app instance before the next; then every token any instance mints is accepted everywhere.',
    '# These lines hold the current keys and the new ones: keep them as secret as the keys.',
  ];
  for (const { phase, summary, app, prosody, prosodyChanges } of phases) {
    out.push('', ...wrap(`Phase ${phase}: ${summary}.`).map((line) => `# ${line}`));
    if (prosodyChanges) {
      out.push('-- prosody.cfg.lua, in the VirtualHost, then restart Prosody:');
      out.push(...Object.entries(prosody).map(([name, keys]) => `${name} = ${luaValue(keys)}`));
    }
    out.push("# The app's environment, then restart each instance:");
    out.push(...Object.entries(app).map(([name, value]) => `${name}=${shellWord(value)}`));
  }
  return out.join('\n') + '\n';
}

/** `text` in lines of at most 96 characters, broken at spaces. */
function wrap(text: string): string[] {
  return text.match(/.{1,96}(?: |$)/g)?.map((line) => line.trimEnd()) ?? [text];
}

// What a Lua string literal cannot hold as it is: quote, backslash, control characters.
// eslint-disable-next-line no-control-regex -- matching them is the point
const LUA_SPECIAL = /[\\"\u0000-\u001f\u007f]/g;

/** A Lua string, or a list of them for several keys; `\ddd` escapes keep any byte literal. */
function luaValue(keys: readonly string[]): string {
  const escape = (c: string) => `\\${String(c.charCodeAt(0)).padStart(3, '0')}`;
  const literals = keys.map((key) => `"${key.replace(LUA_SPECIAL, escape)}"`);
  return literals.length === 1 ? (literals[0] as string) : `{ ${literals.join(', ')} }`;
}

/** `value` as one word in sh (and .env files): quoted only when it needs to be. */
function shellWord(value: string): string {
  return /^[\w=+/.,:@-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}
