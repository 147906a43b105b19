/** Every error code this suite throws or reports; `ERR_XMPP_TOKEN_*` so logs can be grepped. */
export type XmppTokenErrorCode =
  | 'ERR_XMPP_TOKEN_CONFIG'
  | 'ERR_XMPP_TOKEN_INVALID_JID'
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

/** Thrown once, at construction, for options that cannot work (a short secret, a bad seed). */
export class ConfigurationError extends XmppTokenError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_XMPP_TOKEN_CONFIG', message, options);
  }
}

/** Thrown by minting for an identity that Prosody's nodeprep would refuse, or a malformed JID. */
export class InvalidJidError extends XmppTokenError {
  constructor(message: string) {
    super('ERR_XMPP_TOKEN_INVALID_JID', message);
  }
}

/** A replay store could not answer: verification fails closed with reason `store_failure`. */
export class ReplayStoreError extends XmppTokenError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_XMPP_TOKEN_STORE', message, options);
  }
}

/** True for any error thrown by xmpp-token, optionally of one `code`. Works across module copies. */
export function isXmppTokenError(
  error: unknown,
  code?: XmppTokenErrorCode,
): error is XmppTokenError {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const actual = (error as { code: unknown }).code;
  if (code !== undefined) return actual === code;
  return typeof actual === 'string' && actual.startsWith('ERR_XMPP_TOKEN_');
}
