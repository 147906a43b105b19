import { XmppTokenClientError } from './client-error.js';
import { initialResponse } from './internal/initial-response.js';
import { isSecureEndpoint } from './internal/secure-endpoint.js';
import { X_TOKEN } from './mechanism-name.js';

/** The fields of a Strophe.js `Connection` that the X-TOKEN mechanism reads. */
export interface StropheConnectionLike {
  /** The localpart of the JID passed to `connect()`, Strophe's default authcid. */
  readonly authcid: string | null;
  /** The bare JID passed to `connect()`. */
  readonly authzid: string | null;
  readonly domain: string | null;
  /** The password passed to `connect()`: here, the token. */
  readonly pass: unknown;
  /** The BOSH or WebSocket URL the connection talks to. */
  readonly service: string;
}

/** A `Strophe.SASLPlain`-like constructor (Strophe.js 3, 4 and 5, and Converse's bundled one). */
export type StrophePlainConstructor = abstract new (
  mechname?: string,
  isClientFirst?: boolean,
  priority?: number,
) => object;

/** Options of {@link createStropheXToken}. */
export interface StropheXTokenOptions {
  /**
   * Strophe tries the offered mechanisms from the highest priority down. Default 80: above
   * SCRAM-SHA-512 (72), so X-TOKEN wins wherever a server offers it next to others.
   */
  readonly priority?: number;
  /**
   * Let the token travel over a service URL that is neither `wss:`/`https:` nor loopback. Default
   * false: `test()` then refuses the mechanism, as a token is a password while it is valid.
   */
  readonly allowInsecure?: boolean;
}

/**
 * Creates the X-TOKEN SASL mechanism for Strophe.js (hence Converse.js): a subclass of the given
 * `Strophe.SASLPlain`, sending `authzid NUL authcid NUL token` as Prosody's mod_sasl_token reads
 * it. Pass your own Strophe (Converse: `converse.env.Strophe`), so the class extends the very
 * copy that runs the connection; this package never imports Strophe itself.
 *
 * @example
 * ```js
 * const XToken = createStropheXToken(converse.env.Strophe);
 * converse.initialize({
 *   credentials_url: '/xmpp/credentials',
 *   connection_options: { mechanisms: [XToken] },
 * });
 * ```
 */
export function createStropheXToken<Plain extends StrophePlainConstructor>(
  Strophe: { readonly SASLPlain: Plain },
  options: StropheXTokenOptions = {},
): Plain {
  const { priority = 80, allowInsecure = false } = options;
  if (typeof Strophe?.SASLPlain !== 'function') {
    throw new XmppTokenClientError(
      'ERR_XMPP_TOKEN_CONFIG',
      'pass the Strophe namespace (Converse.js: converse.env.Strophe)',
    );
  }
  const Base = Strophe.SASLPlain as unknown as new (
    mechname: string,
    isClientFirst: boolean,
    priority: number,
  ) => object;

  class XTokenMechanism extends Base {
    constructor() {
      super(X_TOKEN, true, priority);
    }

    /** Usable with a localpart, a token, and a TLS (or loopback) transport. */
    test(connection: StropheConnectionLike): boolean {
      const { authcid, pass, service } = connection;
      if (authcid === null || typeof pass !== 'string' || pass.length === 0) return false;
      return allowInsecure || isSecureEndpoint(service);
    }

    /**
     * PLAIN's message, with its RFC 6120 section 6.3.8 rule (no authzid when it names the
     * authcid itself), but encoded with TextEncoder: Strophe's `utf16to8` turns characters
     * outside the BMP into CESU-8 (invalid UTF-8, which Prosody refuses).
     */
    onChallenge(connection: StropheConnectionLike): string {
      const { authcid, authzid, domain, pass } = connection;
      const authz = authzid === null || authzid === `${authcid}@${domain}` ? '' : authzid;
      return initialResponse(authz, authcid ?? '', String(pass));
    }
  }
  return XTokenMechanism as unknown as Plain;
}
