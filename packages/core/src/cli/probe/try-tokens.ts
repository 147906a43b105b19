import { performance } from 'node:perf_hooks';
import { encodeSaslResponse } from '../../sasl-response.js';
import type { MintedToken } from '../../verify-result.js';
import type { XmppSession } from '../xmpp/xmpp-session.js';
import { skewRange, type TimedAttempt } from './clock-skew.js';
import type { AuthAttempt } from './probe-report.js';

const STEP_MS = 30_000;
// A token minted in step S is valid from the start of S-1 to the end of S+1 (Prosody's window).
const VALIDITY_MS = 3 * STEP_MS;
// After a fresh token is refused: tokens minted one and two steps earlier and later, nearest
// first. Each is a new token (a token is single-use); refused ones are not remembered by Prosody.
const RETRY_OFFSETS_MS = [-1, 1, -2, 2].map((steps) => steps * STEP_MS);

export interface TokenOptions {
  readonly jid: string;
  /** Mints a token for `jid`, `offsetMs` from the app's clock. */
  mint(offsetMs: number): MintedToken;
  /** The app's clock. */
  clock(): number;
}

/** What the X-TOKEN attempts on one stream came to. */
export type TokenVerdict =
  | { readonly kind: 'accepted' }
  /** A fresh token was refused, one minted `offsetMs` away accepted; Prosody's clock - the app's. */
  | {
      readonly kind: 'skewed';
      readonly offsetMs: number;
      readonly skewMs: { min: number; max: number };
    }
  /** not-authorized for every token tried. */
  | { readonly kind: 'not-authorized' }
  /** Another SASL condition (retries stop at it). */
  | { readonly kind: 'refused'; readonly condition: string; readonly text?: string };

/**
 * Logs in with a fresh token; if Prosody says not-authorized, retries on the same stream (Prosody
 * allows it) with tokens minted one and two 30 s steps earlier and later, to tell clock skew
 * from wrong keys. Appends each attempt to `attempts`.
 */
export async function tryTokens(
  session: XmppSession,
  options: TokenOptions,
  attempts: AuthAttempt[],
): Promise<TokenVerdict> {
  const timed: TimedAttempt[] = [];
  const authcid = options.jid.slice(0, options.jid.indexOf('@'));
  for (const offsetMs of [0, ...RETRY_OFFSETS_MS]) {
    const started = performance.now();
    const { token, expiresAt } = options.mint(offsetMs);
    const sentAt = options.clock();
    const outcome = await session.authenticate('X-TOKEN', encodeSaslResponse({ authcid, token }));
    const validUntil = expiresAt.getTime();
    const answeredAt = options.clock();
    timed.push({
      validFrom: validUntil - VALIDITY_MS,
      validUntil,
      sentAt,
      answeredAt,
      accepted: outcome.success,
    });
    const name = outcome.success ? 'accepted' : outcome.condition;
    attempts.push({
      offsetSeconds: offsetMs / 1000,
      outcome: name,
      ms: Math.round(performance.now() - started),
    });
    if (outcome.success) {
      const skewMs = skewRange(timed);
      return offsetMs === 0 || skewMs === undefined
        ? { kind: 'accepted' }
        : { kind: 'skewed', offsetMs, skewMs };
    }
    if (outcome.condition !== 'not-authorized') return { kind: 'refused', ...outcome };
  }
  return { kind: 'not-authorized' };
}
