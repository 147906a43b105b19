import {
  createXmppToken,
  formatAuthorizationHeader,
  type ReplayStore,
  type XmppToken,
} from '@xmpp-token/core';
import express, { type Express, type RequestHandler } from 'express';
import { Passport } from 'passport';

/** Test-only secrets; never used outside this directory. */
export const TOKEN_SECRET = 'test-token-secret-0123456789abcdef';
export const OTHER_SECRET = 'another-secret-that-signed-nothing';
export const OTP_SEED = 'XVGR73KMZH2M4XMY';
export const DOMAIN = 'example.com';

/** A minter/verifier on a clock the test moves by hand. */
export function fixture(
  options: { replayStore?: ReplayStore; tokenSecret?: string; domain?: string } = {},
): {
  xmppToken: XmppToken;
  clock: { now: number };
} {
  const clock = { now: Date.UTC(2024, 0, 1, 12, 0, 10) };
  const xmppToken = createXmppToken({
    tokenSecret: options.tokenSecret ?? TOKEN_SECRET,
    otpSeed: OTP_SEED,
    domain: options.domain ?? DOMAIN,
    clock: () => clock.now,
    ...(options.replayStore && { replayStore: options.replayStore }),
  });
  return { xmppToken, clock };
}

/** `Authorization: X-TOKEN ...` for a freshly minted token of `localpart`. */
export function authorization(xmppToken: XmppToken, localpart = 'alice'): string {
  return formatAuthorizationHeader({ authcid: localpart, token: xmppToken.mint(localpart).token });
}

/** A user record as an app would keep it. */
export interface TestUser {
  readonly id: number;
  readonly jid: string;
}

export const USERS: ReadonlyMap<string, TestUser> = new Map([
  ['alice@example.com', { id: 1, jid: 'alice@example.com' }],
  ['bob@example.com', { id: 2, jid: 'bob@example.com' }],
]);

/** An isolated Passport instance, so tests never share the module singleton. */
export function createPassport(): InstanceType<typeof Passport> {
  return new Passport();
}

/** An Express app with `route` at GET /me answering the user and authInfo as JSON. */
export function appWith(...handlers: RequestHandler[]): Express {
  const app = express();
  app.get('/me', ...handlers, (req, res) => {
    res.json({ user: req.user, authInfo: req.authInfo });
  });
  return app;
}
