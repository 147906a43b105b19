import type { XmppToken } from '../create-xmpp-token.js';
import { requireXmppToken } from '../internal/require-xmpp-token.js';
import { VerificationError } from '../verification-error.js';
import type { RequestView } from './create-request-view.js';
import {
  fromAuthorizationHeader,
  fromFirst,
  type CredentialsExtractor,
} from './request-credentials.js';

/** Options shared by every verifying adapter (Express, Koa, Passport). */
export interface RequestAuthenticatorOptions<Raw = unknown> {
  /** The configured minter/verifier. */
  readonly xmppToken: XmppToken;
  /** Where the token is; a list is tried in order. Default `fromAuthorizationHeader()`. */
  readonly extract?: CredentialsExtractor<Raw> | readonly CredentialsExtractor<Raw>[];
  /** Reject requests without a token. Default true; false lets them through anonymously. */
  readonly credentialsRequired?: boolean;
  /** The `realm` of the `WWW-Authenticate` challenge. Default `"xmpp"`. */
  readonly realm?: string;
}

/** The verified identity an adapter attaches to the request. */
export interface XmppIdentity {
  readonly jid: string;
  readonly expiresAt: Date;
}

/** What an adapter does next: attach the identity, pass anonymously, or reject with the error. */
export type AuthenticationOutcome =
  | { readonly status: 'authenticated'; readonly identity: XmppIdentity }
  | { readonly status: 'anonymous' }
  | { readonly status: 'rejected'; readonly error: VerificationError };

const ANONYMOUS: AuthenticationOutcome = Object.freeze({ status: 'anonymous' });

/**
 * Resolves adapter options once and returns the per-request decision: extract -> verify ->
 * outcome. Adapters only translate the outcome into their framework's idiom. An extractor that
 * throws rejects the returned promise (the adapter's error path, a 500). Throws a
 * {@link ConfigurationError} without a usable `xmppToken`.
 */
export function createRequestAuthenticator<Raw>(
  options: RequestAuthenticatorOptions<Raw>,
): (request: RequestView<Raw>) => Promise<AuthenticationOutcome> {
  const xmppToken = requireXmppToken(options);
  const { credentialsRequired = true, realm = 'xmpp' } = options;
  const extract = resolveExtractor(options.extract);
  return async (request) => {
    const credentials = await extract(request);
    if (credentials === undefined) {
      return credentialsRequired
        ? { status: 'rejected', error: new VerificationError('credentials_required', realm) }
        : ANONYMOUS;
    }
    const result = await xmppToken.verify(credentials.user, credentials.token);
    if (result.ok)
      return {
        status: 'authenticated',
        identity: { jid: result.jid, expiresAt: result.expiresAt },
      };
    const cause = result.reason === 'store_failure' ? result.cause : undefined;
    return { status: 'rejected', error: new VerificationError(result.reason, realm, { cause }) };
  };
}

function resolveExtractor<Raw>(
  extract: RequestAuthenticatorOptions<Raw>['extract'],
): CredentialsExtractor<Raw> {
  if (extract === undefined) return fromAuthorizationHeader();
  if (typeof extract === 'function') return extract;
  return fromFirst(...extract);
}
