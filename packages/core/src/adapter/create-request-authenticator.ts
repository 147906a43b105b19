import type { XmppToken } from '../create-xmpp-token.js';
import { isThenable } from '../internal/await-store.js';
import { immediateVerifyOf } from '../internal/immediate-verify.js';
import { requireXmppToken } from '../internal/require-xmpp-token.js';
import { VerificationError } from '../verification-error.js';
import type { VerifyResult } from '../verify-result.js';
import { createRejectionNotifier, type RejectionHook } from './create-rejection-notifier.js';
import type { RequestView } from './create-request-view.js';
import {
  fromAuthorizationHeader,
  fromFirst,
  type CredentialsExtractor,
  type TokenCredentials,
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
  /**
   * Observes every refusal with its `VerificationError` and the framework's request (`raw`), e.g.
   * to log `expired` vs `not_yet_valid` without `debug`. Not called for an anonymous pass, nor for
   * an extractor that throws. See {@link RejectionHook}.
   */
  readonly onRejected?: RejectionHook<Raw>;
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

/** The per-request decision: an outcome, or a promise of one when something on the way is async. */
export type RequestAuthenticator<Raw> = (
  request: RequestView<Raw>,
) => AuthenticationOutcome | Promise<AuthenticationOutcome>;

const ANONYMOUS: AuthenticationOutcome = Object.freeze({ status: 'anonymous' });

/**
 * Resolves adapter options once and returns the per-request decision: extract -> verify ->
 * outcome. Adapters only translate the outcome into their framework's idiom. The outcome comes
 * synchronously when the extractor and the replay store answer synchronously (the defaults), and
 * as a promise otherwise, so an adapter branches once (`instanceof Promise`) and a request on the
 * default path waits for no microtask. It never throws: an extractor that throws or rejects gives
 * a rejected promise (the adapter's error path, a 500). Throws a {@link ConfigurationError}
 * without a usable `xmppToken`.
 */
export function createRequestAuthenticator<Raw>(
  options: RequestAuthenticatorOptions<Raw>,
): RequestAuthenticator<Raw> {
  const verify = immediateVerifyOf(requireXmppToken(options));
  const { credentialsRequired = true, realm = 'xmpp' } = options;
  const extract = resolveExtractor(options.extract);
  const notifyRejected = createRejectionNotifier(options.onRejected);
  // The one place an outcome is made from a verification result.
  const outcomeOf = (
    result: VerifyResult | { readonly ok: false; readonly reason: 'credentials_required' },
    raw: Raw,
  ): AuthenticationOutcome => {
    if (result.ok) {
      return {
        status: 'authenticated',
        identity: { jid: result.jid, expiresAt: result.expiresAt },
      };
    }
    const cause = result.reason === 'store_failure' ? result.cause : undefined;
    const error = new VerificationError(result.reason, realm, { cause });
    notifyRejected(error, raw);
    return { status: 'rejected', error };
  };
  const decide = (credentials: TokenCredentials | undefined, raw: Raw) => {
    if (credentials === undefined) {
      // A fresh error each time: adapters complete it (Fastify's statusCode) or keep it per request.
      return credentialsRequired
        ? outcomeOf({ ok: false, reason: 'credentials_required' }, raw)
        : ANONYMOUS;
    }
    const result = verify(credentials.user, credentials.token);
    if (!isThenable(result)) return outcomeOf(result, raw);
    return Promise.resolve(result).then((settled) => outcomeOf(settled, raw));
  };

  return (request) => {
    try {
      const credentials = extract(request);
      if (!isThenable(credentials)) return decide(credentials, request.raw);
      return Promise.resolve(credentials).then((found) => decide(found, request.raw));
    } catch (error) {
      // A custom extractor (or verify) that throws: the adapter's error path, never a throw here.
      return Promise.reject(error as Error);
    }
  };
}

function resolveExtractor<Raw>(
  extract: RequestAuthenticatorOptions<Raw>['extract'],
): CredentialsExtractor<Raw> {
  if (extract === undefined) return fromAuthorizationHeader();
  if (typeof extract === 'function') return extract;
  return fromFirst(...extract);
}
