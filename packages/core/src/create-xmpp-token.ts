import { requireJid } from './normalize-jid.js';
import { createNonceSource } from './internal/nonce.js';
import { resolveOptions, type XmppTokenOptions } from './internal/resolve-options.js';
import { sign } from './internal/signature.js';
import { formatToken } from './internal/token-format.js';
import { createCodeForStep } from './internal/totp-codes.js';
import { createVerifier } from './internal/verify-token.js';
import type { MintedToken, VerifyResult } from './verify-result.js';

export type { XmppTokenOptions } from './internal/resolve-options.js';

/** A configured minter and verifier of Prosody mod_auth_token tokens. */
export interface XmppToken {
  /**
   * Mints a token for a bare JID or a localpart (completed with `domain`). Synchronous.
   * Throws {@link InvalidJidError} for an identity Prosody would refuse.
   */
  mint(user: string): MintedToken;
  /**
   * Verifies `token` for a bare JID or localpart, as Prosody would, but stricter (canonical
   * form, exact nonce length, every token accepted once). Never throws or rejects.
   */
  verify(user: string, token: string): Promise<VerifyResult>;
  /** The configured default domain, lowercased, if any. */
  readonly domain: string | undefined;
}

/**
 * Creates a token minter/verifier from Prosody's `token_secret` and `otp_seed`. Throws
 * {@link ConfigurationError} (never echoing a secret) if the options cannot work.
 *
 * @example
 * ```ts
 * const xmppToken = createXmppToken({ tokenSecret, otpSeed, domain: 'example.com' });
 * const { jid, token } = xmppToken.mint('alice'); // hand to the XMPP client as the password
 * const result = await xmppToken.verify('alice', token); // { ok: true, jid, expiresAt }
 * ```
 */
export function createXmppToken(options: XmppTokenOptions): XmppToken {
  const resolved = resolveOptions(options);
  const codeForStep = createCodeForStep(resolved);
  const nextNonce = createNonceSource(resolved);
  const { secrets, domain, clock, stepMs, window } = resolved;
  const mintingSecret = secrets[0] as Buffer;

  return {
    domain,
    mint(user) {
      const jid = requireJid(user, domain);
      const step = Math.floor(clock() / stepMs);
      const otpAndNonce = codeForStep(step) + nextNonce();
      const token = formatToken(otpAndNonce, sign(mintingSecret, otpAndNonce, jid));
      return { jid, token, expiresAt: new Date((step + window + 1) * stepMs) };
    },
    verify: createVerifier(resolved, codeForStep),
  };
}
