import { ConfigurationError, type VerificationError, type XmppToken } from '@xmpp-token/core';
import {
  createNodeRequestView,
  createRequestAuthenticator,
  formatChallenge,
  type AuthenticationOutcome,
  type CredentialsExtractor,
  type RejectionHook,
  type RequestAuthenticator,
  type XmppIdentity,
} from '@xmpp-token/core/adapter';
import type { Request } from 'express';
import {
  callVerify,
  type VerifiedCallback,
  type Verified,
  type VerifyFunction,
  type VerifyFunctionWithRequest,
  type VerifyInfo,
} from './internal/call-verify.js';
import { sendChallenge } from './internal/send-challenge.js';

/** Options of {@link XmppTokenStrategy}. */
export interface XmppTokenStrategyOptions {
  /** The configured minter/verifier from `createXmppToken`. */
  readonly xmppToken: XmppToken;
  /** Where the token is; a list is tried in order. Default `fromAuthorizationHeader()`. */
  readonly extract?: CredentialsExtractor<Request> | readonly CredentialsExtractor<Request>[];
  /** The `realm` of the `WWW-Authenticate` challenge. Default `"xmpp"`. */
  readonly realm?: string;
  /** Pass the request to `verify` as its first argument. Default false. */
  readonly passReqToCallback?: boolean;
  /**
   * Observes every token refusal (`fail` or, for a broken replay store, `error`) with its
   * `VerificationError` and the request; not called when `verify` finds no user. It cannot change
   * the answer, and a hook that throws is reported as a process warning.
   */
  readonly onRejected?: RejectionHook<Request>;
}

/** What `req.authInfo` holds after success: the verified identity, plus `done`'s info. */
export type XmppTokenAuthInfo = XmppIdentity & VerifyInfo;

/**
 * What a custom callback gets as `info` on failure (`(err, user, info, status)`): the
 * `VerificationError` of a refused token (its `reason`, as passport-jwt passes its error), the
 * `info` a `verify` gave with `false`, or else the challenge string.
 */
export type XmppTokenFailureInfo = VerificationError | VerifyInfo | string;

/**
 * Passport strategy `'xmpp-token'`: core verifies the X-TOKEN carried by the request (signature,
 * OTP window, domain, single use), then `verify` maps the JID to the app's user. Failures send
 * `401` with an RFC 6750-style `WWW-Authenticate: X-TOKEN ...`; a broken replay store or a
 * failing `verify` is an error (500), never a success.
 *
 * @example
 * ```ts
 * passport.use(new XmppTokenStrategy({ xmppToken }, async (jid) => users.findByJid(jid) ?? false));
 * app.get('/api/me', passport.authenticate('xmpp-token', { session: false }), handler);
 * ```
 */
export class XmppTokenStrategy<User = Express.User> {
  /** The name Passport knows it by: `passport.authenticate('xmpp-token')`. */
  readonly name = 'xmpp-token' as const;
  // Passport adds these to the object it derives from the strategy for each request.
  declare readonly success: (user: User, info?: XmppTokenAuthInfo) => void;
  declare readonly fail: (challenge: XmppTokenFailureInfo, status: number) => void;
  declare readonly error: (error: unknown) => void;
  // TS `private`, not `#private`: Passport runs each request on `Object.create(strategy)`, and
  // ES private fields are not reachable through a prototype.
  private readonly authenticateRequest: RequestAuthenticator<Request>;
  private readonly verifyUser: (req: Request, jid: string, done: VerifiedCallback<User>) => unknown;
  private readonly challenge: string;

  constructor(
    options: XmppTokenStrategyOptions & { readonly passReqToCallback?: false },
    verify: VerifyFunction<User>,
  );
  constructor(
    options: XmppTokenStrategyOptions & { readonly passReqToCallback: true },
    verify: VerifyFunctionWithRequest<User>,
  );
  constructor(
    options: XmppTokenStrategyOptions,
    verify: VerifyFunction<User> | VerifyFunctionWithRequest<User>,
  ) {
    this.authenticateRequest = createRequestAuthenticator<Request>({
      ...options,
      credentialsRequired: true,
    });
    if (typeof verify !== 'function') {
      throw new ConfigurationError(
        'XmppTokenStrategy requires a verify function: (jid, done) or async (jid)',
      );
    }
    const { realm = 'xmpp', passReqToCallback = false } = options;
    this.verifyUser = passReqToCallback
      ? (verify as VerifyFunctionWithRequest<User>)
      : (_req, jid, done) => (verify as VerifyFunction<User>)(jid, done);
    // For a valid token whose JID the app does not know: the challenge of any invalid token.
    this.challenge = formatChallenge(realm, 'bad_jid');
  }

  /**
   * Called by Passport once per request; ends in exactly one of success, fail or error. With the
   * default extractor and store and a verify function that calls `done` at once, it ends before
   * returning, with no promise on the way.
   */
  authenticate(req: Request): void {
    const outcome = this.authenticateRequest(createNodeRequestView(req));
    if (!(outcome instanceof Promise)) return this.decide(req, outcome);
    outcome
      .then((settled) => this.decide(req, settled))
      .catch((error: unknown) => this.error(toError(error)));
  }

  private decide(req: Request, outcome: AuthenticationOutcome): void {
    if (outcome.status === 'rejected') {
      const { error } = outcome;
      if (error.status !== 401) return this.error(error);
      return this.refuse(req, error.wwwAuthenticate ?? this.challenge, error);
    }
    // credentialsRequired is true, so core never answers 'anonymous'; fail closed all the same.
    if (outcome.status !== 'authenticated') return this.refuse(req, this.challenge);
    const { identity } = outcome;
    const verified = callVerify<User>((done) => this.verifyUser(req, identity.jid, done));
    if (!(verified instanceof Promise)) return this.admit(req, identity, verified);
    verified
      .then((settled) => this.admit(req, identity, settled))
      .catch((error: unknown) => this.error(toError(error)));
  }

  private admit(req: Request, { jid, expiresAt }: XmppIdentity, { user, info }: Verified<User>) {
    // `== null`: undefined and null both mean "no such user", as false does.
    if (user === false || user == null) return this.refuse(req, this.challenge, info);
    this.success(user, { ...info, jid, expiresAt });
  }

  // Passport sends only string challenges as WWW-Authenticate, and hands the very same value to
  // custom callbacks as `info`; to give them the reason, `info` is an object and the challenge is
  // set on the response here.
  private refuse(req: Request, challenge: string, info?: XmppTokenFailureInfo): void {
    if (info === undefined) return this.fail(challenge, 401);
    sendChallenge(req, challenge);
    this.fail(info, 401);
  }
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error('XmppTokenStrategy failed', { cause: error });
}
