import { attachImmediateVerify } from './internal/immediate-verify.js';
import { createNonceSource } from './internal/nonce.js';
import { observeMint, observeVerify } from './internal/publish-diagnostics.js';
import { resolveOptions, type XmppTokenOptions } from './internal/resolve-options.js';
import { createServedJidRequirer } from './internal/served-domains.js';
import { sign } from './internal/signature.js';
import { formatToken } from './internal/token-format.js';
import { createCodesForSteps } from './internal/totp-codes.js';
import { createVerifier } from './internal/verify-token.js';
import type { MintedToken, VerifyResult } from './verify-result.js';

export type { XmppTokenOptions } from './internal/resolve-options.js';

/** A configured minter and verifier of Prosody mod_auth_token tokens. */
export interface XmppToken {
  /**
   * Mints a token for a bare JID or a localpart (completed with `domain`). Synchronous.
   * Throws {@link InvalidJidError} for an identity Prosody would refuse, and
   * {@link ForeignDomainError} for a JID of a domain not configured (`domain`, `domains`).
   */
  mint(user: string): MintedToken;
  /**
   * Verifies `token` for a bare JID or localpart, as Prosody would, but stricter (canonical
   * form, exact nonce length, every token accepted once, only for the configured domains).
   * Never throws or rejects.
   */
  verify(user: string, token: string): Promise<VerifyResult>;
  /** The configured `domain`, lowercased: it completes a bare localpart. */
  readonly domain: string | undefined;
  /** Every domain this instance mints and verifies for, lowercased: `domain` first, then `domains`. */
  readonly domains: readonly string[];
}

/**
 * Creates a token minter/verifier from Prosody's `token_secret` and `otp_seed` (each a key, or a
 * rotation list whose first key mints and whose every key verifies). Throws
 * {@link ConfigurationError} (never echoing a secret) if the options cannot work. `domain` (or
 * `domains`) is required and restricts both minting and verifying to those domains.
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
  const codesForSteps = createCodesForSteps(resolved);
  const [mintingCodeForStep] = codesForSteps;
  const nextNonce = createNonceSource(resolved);
  const { secrets, domain, domains, clock, stepMs, window } = resolved;
  const mintingSecret = secrets[0] as Buffer;
  const requireJid = createServedJidRequirer(resolved);
  // Every verification and mint is published on `node:diagnostics_channel` when it has subscribers.
  const immediate = observeVerify(createVerifier(resolved, codesForSteps), domain);

  const mint = (user: string): MintedToken => {
    const jid = requireJid(user);
    const step = Math.floor(clock() / stepMs);
    const otpAndNonce = mintingCodeForStep(step) + nextNonce();
    const token = formatToken(otpAndNonce, sign(mintingSecret, otpAndNonce, jid));
    return { jid, token, expiresAt: new Date((step + window + 1) * stepMs) };
  };

  const xmppToken: XmppToken = {
    domain,
    domains,
    mint: observeMint(mint, domain),
    verify(user, token) {
      const result = immediate(user, token);
      return result instanceof Promise ? result : Promise.resolve(result);
    },
  };
  // Adapters verify through this one, so a request needs no promise when the store is synchronous.
  return attachImmediateVerify(xmppToken, immediate);
}
