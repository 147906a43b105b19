import { createHmac } from 'node:crypto';
import { createXmppToken, type XmppToken, type XmppTokenOptions } from '@xmpp-token/core';
import raw from '../vectors/mod_auth_token.json' with { type: 'json' };

/** Upstream's verdict on a `verify_token` call (README.md beside the JSON). */
export type UpstreamResult = 'accept' | 'reject' | 'error';

export interface TimedCheck {
  readonly verify_unix_ms: number;
  readonly result: string;
}

export interface TokenVector {
  readonly id: string;
  readonly jid: string;
  readonly username: string;
  readonly mint_unix_ms: number;
  readonly totp_counter: number;
  readonly otp: string;
  readonly nonce: string;
  readonly signature_b64: string;
  readonly token: string;
  readonly verifications: readonly (TimedCheck & { offset_s: number; window_delta: number })[];
  readonly edges: readonly (TimedCheck & { edge: string; offset_ms: number })[];
}

export interface MalformedVector {
  readonly id: string;
  readonly description: string;
  readonly username: string;
  readonly password?: string;
  readonly password_hex?: string;
  readonly password_spec?: {
    readonly repeat: string;
    readonly count: number;
    readonly suffix: string;
  };
  readonly verify_unix_ms: number;
  readonly result: string;
  readonly error?: string;
}

export interface ReplayTokenVector {
  readonly jid: string;
  readonly mint_unix_ms: number;
  readonly otp: string;
  readonly nonce: string;
  readonly token: string;
  readonly note?: string;
}

export interface ReplaySequence {
  readonly id: string;
  readonly description: string;
  readonly steps: readonly {
    readonly token: string;
    readonly username: string;
    readonly verify_unix_ms: number;
    readonly result: string;
  }[];
}

export interface SaslVector {
  readonly id: string;
  readonly description: string;
  readonly message?: string;
  readonly message_hex: string;
  readonly verify_unix_ms: number;
  readonly status: string;
  readonly username?: string;
  readonly condition?: string;
  readonly error?: string;
}

export interface SeedVector {
  readonly id: string;
  readonly otp_seed: string;
  readonly decoded_key_hex: string | null;
  readonly otp_at_base: string | null;
  readonly base_unix_time: number;
  readonly error?: string;
}

export interface Vectors {
  readonly config: {
    readonly otp_seed: string;
    readonly otp_seed_decoded_hex: string;
    readonly token_secret: string;
    readonly host: string;
  };
  readonly tokens: readonly TokenVector[];
  readonly malformed: readonly MalformedVector[];
  readonly replay_tokens: Readonly<Record<string, ReplayTokenVector>>;
  readonly replay_sequences: readonly ReplaySequence[];
  readonly sasl: readonly SaslVector[];
  readonly otp_seed_decoding: readonly SeedVector[];
  readonly rfc6238_sha1_8digit: readonly { readonly unix_time: number; readonly otp: string }[];
}

/** The upstream vectors, read from the repository copy (identical to ../shared/vectors). */
export const vectors: Vectors = raw;

export const SECRET = vectors.config.token_secret;
export const SEED = vectors.config.otp_seed;
export const HOST = vectors.config.host;

/**
 * A random source that yields `nonce`: its digits as byte values 0-9, the rest 255 (which the
 * nonce source drops as biased), so a minted token carries exactly the vector's nonce.
 */
export function nonceFill(nonce: string): (buffer: Uint8Array) => void {
  const digits = [...nonce].map(Number);
  return (buffer) => {
    buffer.fill(255);
    buffer.set(digits);
  };
}

/** A clock the test moves by hand. */
export interface ManualClock {
  (): number;
  set(ms: number): void;
}

export function manualClock(start: number): ManualClock {
  let now = start;
  const clock = (() => now) as ManualClock;
  clock.set = (ms) => {
    now = ms;
  };
  return clock;
}

/** A verifier/minter with the vectors' configuration, at a fixed time or on a given clock. */
export function createAt(
  now: number | (() => number),
  options: Partial<XmppTokenOptions> = {},
): XmppToken {
  return createXmppToken({
    tokenSecret: SECRET,
    otpSeed: SEED,
    domain: HOST,
    clock: typeof now === 'number' ? () => now : now,
    ...options,
  });
}

/** An independent signer (node:crypto only): `otp + nonce + " " + base64(HMAC-SHA256)`. */
export function signToken(otp: string, nonce: string, jid: string, secret = SECRET): string {
  const signature = createHmac('sha256', secret)
    .update(otp + nonce + jid)
    .digest('base64');
  return `${otp}${nonce} ${signature}`;
}

/** Bytes given as hex, as a string of one char per byte (how arbitrary bytes reach `verify`). */
export function latin1(hex: string): string {
  return Buffer.from(hex, 'hex').toString('latin1');
}

/** The error `fn` throws; fails the test if it returns normally. */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw, but nothing was thrown');
}
