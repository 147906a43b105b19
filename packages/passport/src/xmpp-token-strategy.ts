import {
  createNodeRequestView,
  createRequestAuthenticator,
  formatChallenge,
  type AuthenticationOutcome,
  type CredentialsExtractor,
  type RequestView,
  type XmppIdentity,
  type XmppToken,
} from '@xmpp-token/core';
import type { Request } from 'express';
import { Strategy } from 'passport-strategy';
import {
  callVerify,
  type VerifiedCallback,
  type VerifyFunction,
  type VerifyFunctionWithRequest,
  type VerifyInfo,
} from './internal/call-verify.js';

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
}

/** What `req.authInfo` holds after success: the verified identity, plus `done`'s info. */
export type XmppTokenAuthInfo = XmppIdentity & VerifyInfo;

/**
 * Passport strategy `'xmpp-token'`: core verifies the X-TOKEN carried by the request (signature,
 * OTP window, single use), then `verify` maps the JID to the app's user. Failures send
 * `401` with an RFC 6750-style `WWW-Authenticate: X-TOKEN ...`; a broken replay store or a
 * failing `verify` is an error (500), never a success.
 *
 * @example
 * ```ts
 * passport.use(new XmppTokenStrategy({ xmppToken }, async (jid) => users.findByJid(jid) ?? false));
 * app.get('/api/me', passport.authenticate('xmpp-token', { session: false }), handler);
 * ```
 */
export class XmppTokenStrategy<User = Express.User> extends Strategy {
  /** The name Passport knows it by: `passport.authenticate('xmpp-token')`. */
  readonly name = 'xmpp-token' as const;
  // TS `private`, not `#private`: Passport runs each request on `Object.create(strategy)`, and
  // ES private fields are not reachable through a prototype.
  private readonly authenticateRequest: (
    request: RequestView<Request>,
  ) => Promise<AuthenticationOutcome>;
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
    super();
    if (typeof verify !== 'function') {
      throw new TypeError(
        'XmppTokenStrategy requires a verify function: (jid, done) or async (jid)',
      );
    }
    const { realm = 'xmpp', passReqToCallback = false } = options ?? {};
    this.authenticateRequest = createRequestAuthenticator<Request>({
      ...options,
      credentialsRequired: true,
    });
    this.verifyUser = passReqToCallback
      ? (verify as VerifyFunctionWithRequest<User>)
      : (_req, jid, done) => (verify as VerifyFunction<User>)(jid, done);
    // For a valid token whose JID the app does not know: the challenge of any invalid token.
    this.challenge = formatChallenge(realm, 'bad_jid');
  }

  /** Called by Passport once per request; ends in exactly one of success, fail or error. */
  override authenticate(req: Request): void {
    this.run(req).catch((error: unknown) => this.error(toError(error)));
  }

  private async run(req: Request): Promise<void> {
    const outcome = await this.authenticateRequest(createNodeRequestView(req));
    if (outcome.status === 'rejected') {
      const { error } = outcome;
      return error.status === 401 ? this.fail(error.wwwAuthenticate, 401) : this.error(error);
    }
    // credentialsRequired is true, so core never answers 'anonymous'; fail closed all the same.
    if (outcome.status !== 'authenticated') return this.fail(this.challenge, 401);
    const { jid, expiresAt } = outcome.identity;
    const { user, info } = await callVerify<User>((done) => this.verifyUser(req, jid, done));
    // `== null`: undefined and null both mean "no such user", as false does.
    if (user === false || user == null) return this.fail(this.challenge, 401);
    const authInfo: XmppTokenAuthInfo = { ...info, jid, expiresAt };
    this.success(user, authInfo);
  }
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error('XmppTokenStrategy failed', { cause: error });
}
