import type { VerificationError } from './verification-error.js';

/** Every error code this suite throws or reports; `ERR_XMPP_TOKEN_*` so logs can be grepped. */
export type XmppTokenErrorCode =
  | 'ERR_XMPP_TOKEN_CONFIG'
  | 'ERR_XMPP_TOKEN_INVALID_JID'
  | 'ERR_XMPP_TOKEN_FOREIGN_DOMAIN'
  | 'ERR_XMPP_TOKEN_REJECTED'
  | 'ERR_XMPP_TOKEN_STORE';

/**
 * Base class of every error thrown by xmpp-token. Messages never contain a secret or a token.
 * Use {@link isXmppTokenError} rather than `instanceof`, which fails across CJS/ESM copies.
 */
export class XmppTokenError extends Error {
  readonly code: XmppTokenErrorCode;

  constructor(code: XmppTokenErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * Thrown once, at construction, for options that cannot work (a short secret, a bad seed, no
 * `domain`, a missing `xmppToken` given to an adapter).
 */
export class ConfigurationError extends XmppTokenError {
  declare readonly code: 'ERR_XMPP_TOKEN_CONFIG';

  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_XMPP_TOKEN_CONFIG', message, options);
  }
}

/** Thrown by minting for an identity that Prosody's nodeprep would refuse, or a malformed JID. */
export class InvalidJidError extends XmppTokenError {
  declare readonly code: 'ERR_XMPP_TOKEN_INVALID_JID';

  constructor(message: string) {
    super('ERR_XMPP_TOKEN_INVALID_JID', message);
  }
}

/**
 * Thrown by minting for a JID whose domain is neither `domain` nor in `domains`: this app must
 * not hand out logins for another VirtualHost that happens to share the secret.
 */
export class ForeignDomainError extends XmppTokenError {
  declare readonly code: 'ERR_XMPP_TOKEN_FOREIGN_DOMAIN';

  constructor(message: string) {
    super('ERR_XMPP_TOKEN_FOREIGN_DOMAIN', message);
  }
}

/** A replay store could not answer: verification fails closed with reason `store_failure`. */
export class ReplayStoreError extends XmppTokenError {
  declare readonly code: 'ERR_XMPP_TOKEN_STORE';

  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_XMPP_TOKEN_STORE', message, options);
  }
}

/**
 * The error class each code belongs to, for {@link isXmppTokenError}'s narrowing. A
 * `VerificationError` for a failed store carries `ERR_XMPP_TOKEN_STORE` too (HTTP 500).
 */
export interface XmppTokenErrorByCode {
  ERR_XMPP_TOKEN_CONFIG: ConfigurationError;
  ERR_XMPP_TOKEN_INVALID_JID: InvalidJidError;
  ERR_XMPP_TOKEN_FOREIGN_DOMAIN: ForeignDomainError;
  ERR_XMPP_TOKEN_REJECTED: VerificationError;
  ERR_XMPP_TOKEN_STORE: ReplayStoreError | VerificationError;
}

/**
 * True for any error thrown by xmpp-token; with a `code`, only for that code, and then narrowed
 * to its class (`'ERR_XMPP_TOKEN_REJECTED'` gives a `VerificationError` with `status`,
 * `wwwAuthenticate` and `toResponseBody()`). Works across module copies: it checks `code`.
 *
 * @example
 * ```ts
 * if (isXmppTokenError(err, 'ERR_XMPP_TOKEN_REJECTED')) res.status(err.status).json(err.toResponseBody());
 * ```
 */
export function isXmppTokenError<Code extends XmppTokenErrorCode>(
  error: unknown,
  code: Code,
): error is XmppTokenErrorByCode[Code];
export function isXmppTokenError(
  error: unknown,
  code?: XmppTokenErrorCode,
): error is XmppTokenError;
export function isXmppTokenError(error: unknown, code?: XmppTokenErrorCode): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const actual = (error as { code: unknown }).code;
  if (code !== undefined) return actual === code;
  return typeof actual === 'string' && actual.startsWith('ERR_XMPP_TOKEN_');
}
