import { XmppTokenClientError } from './client-error.js';
import type { XmppCredentials } from './create-credentials-fetcher.js';
import { jidParts } from './internal/jid-parts.js';
import { isSignedOutError } from './internal/signed-out.js';
import { X_TOKEN } from './mechanism-name.js';

/** The xmpp.js entity (the client) as the credentials handler sees it. */
export interface XmppJsEntity {
  isSecure(): boolean;
  /** Closes the stream and the socket, and ends the reconnects (status `offline`). */
  stop(): Promise<unknown>;
  readonly options?: { readonly domain?: string };
}

/** xmpp.js's `credentials` handler: `(authenticate, mechanisms, fast, entity) => Promise<void>`. */
export type XmppJsCredentialsHandler = (
  authenticate: (
    credentials: { username: string; password: string },
    mechanism: string,
  ) => Promise<void>,
  mechanisms: readonly string[],
  fast: unknown,
  entity: XmppJsEntity,
) => Promise<void>;

/** Options of {@link xmppJsCredentials}. */
export interface XmppJsCredentialsOptions {
  /** Send the token over a transport xmpp.js does not call secure (not wss:, not loopback). */
  readonly allowInsecure?: boolean;
}

/**
 * The `credentials` option of xmpp.js's `client()`: on every (re)connect it fetches fresh
 * credentials and authenticates with X-TOKEN. Rejects with an {@link XmppTokenClientError}
 * (`ERR_XMPP_TOKEN_NO_MECHANISM`, `ERR_XMPP_TOKEN_INSECURE_TRANSPORT`, or the fetcher's).
 * When the credentials route answers 401 (the web session is over) it first stops the client,
 * as `xmpp.stop()` does, so that xmpp.js does not reconnect and fetch again: the rejection (and
 * the client's `error` event) then carries `status` 401 and `xmpp.status` is `offline`.
 * Register the mechanism too: {@link registerXmppJsXToken}. (Unregistered while the server offers
 * X-TOKEN alone, xmpp.js itself fails first, with its `SASLError` "No compatible mechanism".)
 */
export function xmppJsCredentials(
  fetchCredentials: () => Promise<XmppCredentials>,
  options: XmppJsCredentialsOptions = {},
): XmppJsCredentialsHandler {
  if (typeof fetchCredentials !== 'function') {
    throw new XmppTokenClientError(
      'ERR_XMPP_TOKEN_CONFIG',
      'xmppJsCredentials: pass a function such as createCredentialsFetcher(...)',
    );
  }
  return async (authenticate, mechanisms, _fast, entity) => {
    if (!mechanisms.includes(X_TOKEN)) {
      const hint = 'enable mod_sasl_token, and register it: registerXmppJsXToken(xmpp.saslFactory)';
      throw new XmppTokenClientError(
        'ERR_XMPP_TOKEN_NO_MECHANISM',
        `X-TOKEN is not available (${hint})`,
      );
    }
    if (!options.allowInsecure && !entity.isSecure()) {
      throw new XmppTokenClientError(
        'ERR_XMPP_TOKEN_INSECURE_TRANSPORT',
        'refusing to send a token without TLS',
      );
    }
    const { jid, password } = await fetchCredentials().catch(async (error: unknown) => {
      if (isSignedOutError(error)) await entity.stop().catch(() => undefined);
      throw error;
    });
    const parts = jidParts(jid);
    const domain = entity.options?.domain;
    if (
      parts === undefined ||
      (domain !== undefined && parts.domain.toLowerCase() !== domain.toLowerCase())
    ) {
      throw new XmppTokenClientError(
        'ERR_XMPP_TOKEN_CREDENTIALS',
        `the credentials are not for ${domain}`,
      );
    }
    await authenticate({ username: parts.local, password }, X_TOKEN);
  };
}
