import { channel } from 'node:diagnostics_channel';
import {
  MINT_CHANNEL,
  VERIFY_CHANNEL,
  type MintDiagnostic,
  type VerifyDiagnostic,
} from '../diagnostics-channels.js';
import { isXmppTokenError } from '../errors.js';
import { normalizeJid } from '../normalize-jid.js';
import type { MintedToken, VerifyResult } from '../verify-result.js';
import type { TracedVerify, Verify, VerifyTrace } from './verify-token.js';

// Node keeps one channel per name for the whole process, so the ESM and CJS copies of core
// publish on the same ones; holding them here keeps them from being collected (Node 20).
const verifyChannel = channel(VERIFY_CHANNEL);
const mintChannel = channel(MINT_CHANNEL);

/**
 * Publishes each verification on {@link VERIFY_CHANNEL} once it settles. `hasSubscribers` is read
 * per call: with nobody listening, the verification runs as it is, with no clock read, no
 * allocation and no promise more. A subscriber that throws cannot change the result:
 * `publish` catches it and Node reports it as an uncaught exception on the next tick.
 */
export function observeVerify(verify: TracedVerify, domain: string | undefined): Verify {
  return (user, token) => {
    if (!verifyChannel.hasSubscribers) return verify(user, token);
    const start = performance.now();
    const trace: VerifyTrace = { secretIndex: undefined, seedIndex: undefined };
    const result = verify(user, token, trace);
    if (!(result instanceof Promise)) return publishVerify(result, trace, user, domain, start);
    // Core's verification never rejects, so this settles as the verification does.
    return result.then((settled) => publishVerify(settled, trace, user, domain, start));
  };
}

function publishVerify(
  result: VerifyResult,
  { secretIndex, seedIndex }: VerifyTrace,
  user: string,
  domain: string | undefined,
  start: number,
): VerifyResult {
  const durationMs = performance.now() - start;
  const message: VerifyDiagnostic = result.ok
    ? // An accepted token went through both checks, so both indexes are set.
      {
        ok: true,
        reason: undefined,
        jid: result.jid,
        secretIndex: secretIndex as number,
        seedIndex: seedIndex as number,
        durationMs,
      }
    : {
        ok: false,
        reason: result.reason,
        jid: normalizeJid(user, domain),
        secretIndex,
        seedIndex,
        durationMs,
      };
  verifyChannel.publish(message);
  return result;
}

/** Publishes each mint on {@link MINT_CHANNEL}, as {@link observeVerify} does verifications. */
export function observeMint(
  mint: (user: string) => MintedToken,
  domain: string | undefined,
): (user: string) => MintedToken {
  return (user) => {
    if (!mintChannel.hasSubscribers) return mint(user);
    const start = performance.now();
    try {
      const minted = mint(user);
      const durationMs = performance.now() - start;
      publishMint({ ok: true, reason: undefined, jid: minted.jid, durationMs });
      return minted;
    } catch (error) {
      const reason = mintRefusalReason(error);
      // Only refusals of the identity: a broken `randomFill` is not a mint outcome.
      if (reason !== undefined) {
        const durationMs = performance.now() - start;
        publishMint({ ok: false, reason, jid: normalizeJid(user, domain), durationMs });
      }
      throw error;
    }
  };
}

const publishMint = (message: MintDiagnostic) => mintChannel.publish(message);

function mintRefusalReason(error: unknown): 'bad_jid' | 'foreign_domain' | undefined {
  if (isXmppTokenError(error, 'ERR_XMPP_TOKEN_FOREIGN_DOMAIN')) return 'foreign_domain';
  return isXmppTokenError(error, 'ERR_XMPP_TOKEN_INVALID_JID') ? 'bad_jid' : undefined;
}
