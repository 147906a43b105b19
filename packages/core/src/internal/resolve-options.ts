import { randomFillSync } from 'node:crypto';
import { createMemoryReplayStore } from '../create-memory-replay-store.js';
import { ConfigurationError } from '../errors.js';
import type { ReplayStore } from '../replay-store.js';
import { decodeBase32 } from './base32.js';
import { resolveServedDomains } from './served-domains.js';

/** Options of `createXmppToken`; every protocol parameter defaults to Prosody's value. */
export interface XmppTokenOptions {
  /** Prosody's `token_secret`, used as its UTF-8 bytes. A list rotates: the first mints, all verify. */
  readonly tokenSecret: string | readonly string[];
  /**
   * Prosody's `otp_seed`, base32 (case-insensitive, `=` ignored), as in prosody.cfg.lua. A list
   * rotates, as for `tokenSecret`: the first mints, a code of any of them verifies.
   */
  readonly otpSeed: string | readonly string[];
  /**
   * The XMPP domain (Prosody VirtualHost) of this app's users: it completes a bare localpart, and
   * only its JIDs are minted and verified. `domain` or `domains` is required.
   */
  readonly domain?: string;
  /**
   * More domains to mint and verify for, for an app serving several VirtualHosts (with `domain`,
   * the allowed set is `domain` plus these). A JID of any other domain is refused
   * (`foreign_domain`), even when signed with this app's secret.
   */
  readonly domains?: readonly string[];
  /** OTP digits. Default 8, as mod_auth_token hard-codes. */
  readonly digits?: number;
  /** TOTP time step in seconds. Default 30. */
  readonly stepSeconds?: number;
  /** Steps of clock drift accepted either side. Default 1, as mod_auth_token. */
  readonly window?: number;
  /** Exact nonce length in digits. Default 32; upstream checks none, which allows forgery. */
  readonly nonceLength?: number;
  /** Smallest decoded `otp_seed` accepted, in bytes. Default 10 (the module README's seeds). */
  readonly minSeedBytes?: number;
  /** Smallest `token_secret` accepted, in bytes. Default 16. */
  readonly minSecretBytes?: number;
  /** Where accepted tokens are remembered. Default: a bounded in-memory store. */
  readonly replayStore?: ReplayStore;
  /**
   * How long `verify` waits for an asynchronous replay store before refusing the token with
   * `store_failure`. Default 500 ms; 1 to 60,000. A store answering synchronously is not timed.
   */
  readonly replayStoreTimeoutMs?: number;
  /** Milliseconds since the Unix epoch. Default `Date.now`. */
  readonly clock?: () => number;
  /** Fills a buffer with cryptographically secure random bytes. Default `crypto.randomFillSync`. */
  readonly randomFill?: (buffer: Uint8Array) => void;
}

/** Options validated and decoded once, so the hot paths only read fields. */
export interface ResolvedOptions {
  readonly secrets: readonly Buffer[];
  /** The decoded seeds, in the order given: the first mints. Never empty. */
  readonly seeds: readonly Uint8Array[];
  readonly domain: string | undefined;
  /** Every domain minted and verified for, lowercased: `domain` first. Never empty. */
  readonly domains: readonly string[];
  readonly digits: number;
  readonly stepMs: number;
  readonly window: number;
  readonly nonceLength: number;
  readonly replayStore: ReplayStore;
  readonly replayStoreTimeoutMs: number;
  readonly clock: () => number;
  readonly randomFill: (buffer: Uint8Array) => void;
}

const MAX_SEED_BYTES = 64; // otplib's ceiling

export function resolveOptions(options: XmppTokenOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) fail('options must be an object');
  const digits = integer(options.digits, 8, 6, 10, 'digits');
  const nonceLength = integer(options.nonceLength, 32, 16, 256, 'nonceLength');
  const stepSeconds = integer(options.stepSeconds, 30, 1, 3600, 'stepSeconds');
  const window = integer(options.window, 1, 0, 10, 'window');
  const timeoutMs = integer(options.replayStoreTimeoutMs, 500, 1, 60_000, 'replayStoreTimeoutMs');
  const minSecretBytes = integer(options.minSecretBytes, 16, 1, 1024, 'minSecretBytes');
  const minSeedBytes = integer(options.minSeedBytes, 10, 1, MAX_SEED_BYTES, 'minSeedBytes');
  const secrets = resolveSecrets(options.tokenSecret, minSecretBytes);
  const seeds = resolveSeeds(options.otpSeed, minSeedBytes);
  // After the keys: a wrong key is the first thing to fix.
  const { domain, domains } = resolveServedDomains(options.domain, options.domains);
  const clock = options.clock ?? Date.now;
  return {
    secrets,
    seeds,
    domain,
    domains,
    digits,
    stepMs: stepSeconds * 1000,
    window,
    nonceLength,
    replayStore: options.replayStore ?? createMemoryReplayStore({ clock }),
    replayStoreTimeoutMs: timeoutMs,
    clock,
    randomFill: options.randomFill ?? randomFillSync,
  };
}

function resolveSecrets(value: unknown, minBytes: number): Buffer[] {
  return listOf(value, 'tokenSecret', 'secret').map(([secret, name]) => {
    if (typeof secret !== 'string') fail(`${name} must be a string (Prosody's token_secret)`);
    const bytes = Buffer.from(secret, 'utf8');
    if (bytes.length < minBytes) {
      fail(
        `${name} is ${bytes.length} bytes; use at least ${minBytes} (xmpp-token keygen makes one)`,
      );
    }
    return bytes;
  });
}

function resolveSeeds(value: unknown, minBytes: number): Uint8Array[] {
  return listOf(value, 'otpSeed', 'seed').map(([text, name]) => {
    if (typeof text !== 'string') fail(`${name} must be a string (Prosody's otp_seed, base32)`);
    const seed = decodeBase32(text);
    if (seed === undefined) {
      fail(`${name} is not base32 (A-Z, 2-7, optional =); Prosody would fail every login with it`);
    }
    if (seed.length < minBytes || seed.length > MAX_SEED_BYTES) {
      fail(`${name} decodes to ${seed.length} bytes; use ${minBytes} to ${MAX_SEED_BYTES}`);
    }
    return seed;
  });
}

/**
 * A key option as a list (a rotation list, or one key), never empty, each item with its name for
 * messages: `otpSeed`, or `otpSeed[1]` in a list of several. Messages name keys, never quote them.
 */
function listOf(value: unknown, option: string, noun: string): [unknown, string][] {
  const list: unknown[] = Array.isArray(value) ? value : [value];
  if (list.length === 0) fail(`${option}: give at least one ${noun}`);
  return list.map((item, i) => [item, list.length > 1 ? `${option}[${i}]` : option]);
}

function integer(value: unknown, fallback: number, min: number, max: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max)
    return value;
  fail(`${name} must be an integer from ${min} to ${max}`);
}

function fail(message: string): never {
  throw new ConfigurationError(message);
}
