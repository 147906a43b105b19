import {
  createXmppToken,
  type ReplayStore,
  type VerifyFailureReason,
  type VerifyResult,
  type XmppToken,
} from '@xmpp-token/core';
import { DOMAIN, KEYS, MINUTE, NOW, tamper } from './adapter-matrix.js';

// Every outcome of core's verification, each produced once on purpose, for the tests that watch
// what verification publishes (diagnostics_channel) and what a subscriber makes of it.

/** The keys that mint after a rotation; the matrix's tokens are made with KEYS' (index 1). */
export const NEW_SECRET = 'ROTATED-SECRET-0123456789abcdefgh';
export const NEW_SEED = 'JBSWY3DPEHPK3PXPJBSWY3DP';

/** Every key a message must never contain. */
export const KEY_MATERIAL = [NEW_SECRET, KEYS.tokenSecret, NEW_SEED, KEYS.otpSeed];

/** What the matrix verified: each expected outcome, and every token it used. */
export interface VerifyMatrixRun {
  readonly outcomes: (VerifyFailureReason | 'ok')[];
  readonly results: VerifyResult[];
  readonly tokens: string[];
}

const mintedAt = (offsetMs: number, user = 'alice', domain = DOMAIN) =>
  createXmppToken({ ...KEYS, domain, clock: () => NOW + offsetMs }).mint(user).token;

/** A verifier of DOMAIN at NOW, after a rotation: the new keys first, KEYS' second. */
export function rotatedVerifier(replayStore?: ReplayStore): XmppToken {
  return createXmppToken({
    tokenSecret: [NEW_SECRET, KEYS.tokenSecret],
    otpSeed: [NEW_SEED, KEYS.otpSeed],
    domain: DOMAIN,
    clock: () => NOW,
    ...(replayStore && { replayStore }),
  });
}

const failing = (remember: ReplayStore['remember']): ReplayStore => ({ remember });

/**
 * Verifies once for each outcome, in this order: ok, replayed, malformed, bad_jid,
 * foreign_domain, bad_signature, expired, not_yet_valid, store_failure (a store that throws),
 * store_failure (a store that rejects, settling later).
 */
export async function runVerifyMatrix(): Promise<VerifyMatrixRun> {
  const verifier = rotatedVerifier();
  const fresh = mintedAt(0);
  const cases: [VerifyFailureReason | 'ok', XmppToken, string, string][] = [
    ['ok', verifier, 'alice', fresh],
    ['replayed', verifier, 'alice', fresh],
    // Nothing a message may hold looks like it ("not-a-signature" would, as `bad_signature` does).
    ['malformed', verifier, 'alice', '12345678 !!'],
    ['bad_jid', verifier, 'bad user', mintedAt(0)],
    ['foreign_domain', verifier, 'bob@other.test', mintedAt(0, 'bob', 'other.test')],
    ['bad_signature', verifier, 'alice', tamper(mintedAt(0))],
    ['expired', verifier, 'alice', mintedAt(-5 * MINUTE)],
    ['not_yet_valid', verifier, 'alice', mintedAt(2 * MINUTE)],
    [
      'store_failure',
      rotatedVerifier(
        // As some clients do, the error quotes the command: its key is a piece of the token.
        failing((key) => {
          throw new Error(`redis down: SET ${key}`);
        }),
      ),
      'alice',
      mintedAt(0),
    ],
    [
      'store_failure',
      rotatedVerifier(failing(() => Promise.reject(new Error('redis down')))),
      'alice',
      mintedAt(0),
    ],
  ];
  const results: VerifyResult[] = [];
  for (const [, xmppToken, user, token] of cases) results.push(await xmppToken.verify(user, token));
  return {
    outcomes: cases.map(([outcome]) => outcome),
    results,
    tokens: cases.map(([, , , token]) => token),
  };
}
