/** Every error code this package throws; `ERR_XMPP_TOKEN_*`, like `@xmpp-token/core`'s. */
export type XmppTokenClientErrorCode =
  | 'ERR_XMPP_TOKEN_CONFIG'
  | 'ERR_XMPP_TOKEN_CREDENTIALS'
  | 'ERR_XMPP_TOKEN_INSECURE_TRANSPORT'
  | 'ERR_XMPP_TOKEN_NO_MECHANISM';

/**
 * Thrown by the credentials fetcher and the xmpp.js handler, and by every factory given unusable
 * arguments (`ERR_XMPP_TOKEN_CONFIG`). Messages never contain a token.
 * Use {@link isXmppTokenClientError} rather than `instanceof`, which fails across CJS/ESM copies.
 */
export class XmppTokenClientError extends Error {
  readonly code: XmppTokenClientErrorCode;
  /** The HTTP status of the credentials response, when there was one (401: not signed in). */
  readonly status: number | undefined;

  constructor(
    code: XmppTokenClientErrorCode,
    message: string,
    options: { cause?: unknown; status?: number } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'XmppTokenClientError';
    this.code = code;
    this.status = options.status;
  }
}

/** True for an error thrown by this package, optionally of one `code`. Works across module copies. */
export function isXmppTokenClientError(
  error: unknown,
  code?: XmppTokenClientErrorCode,
): error is XmppTokenClientError {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code: actual } = error as { name?: unknown; code?: unknown };
  if (name !== 'XmppTokenClientError' || typeof actual !== 'string') return false;
  return code === undefined || actual === code;
}
