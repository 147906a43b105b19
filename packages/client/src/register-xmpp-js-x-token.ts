import { XmppTokenClientError } from './client-error.js';
import { initialResponse } from './internal/initial-response.js';
import { X_TOKEN } from './mechanism-name.js';

/** The credentials xmpp.js hands a mechanism's `response()`. */
export interface XmppJsSaslCredentials {
  /** The SASL authcid: the localpart. */
  readonly username?: string | null;
  /** The token. */
  readonly password?: string | null;
  /** Prosody ignores it; usually absent. */
  readonly authzid?: string | null;
}

/** A mechanism in the shape of the `saslmechanisms` package, which xmpp.js's SASL factory holds. */
export interface XmppJsMechanism {
  readonly name: string;
  readonly clientFirst: boolean;
  response(credentials: XmppJsSaslCredentials): string;
  challenge(challenge: string): this;
}

/** xmpp.js's `client.saslFactory` (a `saslmechanisms` Factory), as far as this package uses it. */
export interface XmppJsSaslFactory {
  use(name: string, mechanism: new () => XmppJsMechanism): unknown;
}

class XTokenMechanism implements XmppJsMechanism {
  readonly name = X_TOKEN;
  readonly clientFirst = true;

  // xmpp.js base64-encodes this with `btoa`, hence the binary string.
  response({ authzid, username, password }: XmppJsSaslCredentials): string {
    return initialResponse(authzid ?? '', username ?? '', password ?? '');
  }

  // X-TOKEN is a single message: nothing to learn from a challenge.
  challenge(): this {
    return this;
  }
}

/**
 * Registers the X-TOKEN mechanism with an xmpp.js (`@xmpp/client` 0.14) SASL factory, the way
 * `@xmpp/sasl-plain` registers PLAIN. Pair it with {@link xmppJsCredentials}, which picks X-TOKEN
 * and fetches a fresh token for each connection.
 *
 * @example
 * ```js
 * const xmpp = client({ service: 'wss://chat.example.com/xmpp-websocket', domain: 'example.com',
 *   credentials: xmppJsCredentials(createCredentialsFetcher({ url: '/xmpp/credentials' })) });
 * registerXmppJsXToken(xmpp.saslFactory);
 * ```
 */
export function registerXmppJsXToken<Factory extends XmppJsSaslFactory>(
  saslFactory: Factory,
): Factory {
  if (typeof saslFactory?.use !== 'function') {
    throw new XmppTokenClientError(
      'ERR_XMPP_TOKEN_CONFIG',
      'pass the xmpp.js SASL factory: client(...).saslFactory',
    );
  }
  saslFactory.use(X_TOKEN, XTokenMechanism);
  return saslFactory;
}
