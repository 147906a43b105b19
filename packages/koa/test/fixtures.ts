import {
  createXmppToken,
  formatAuthorizationHeader,
  type XmppToken,
  type XmppTokenOptions,
} from '@xmpp-token/core';
import Koa from 'koa';
import Koa2 from 'koa2';

/** The suite runs every test on both supported majors. */
export const KOA_VERSIONS = [
  { name: 'Koa 2', Koa: Koa2 },
  { name: 'Koa 3', Koa },
] as const;

export const KEYS = {
  tokenSecret: 'koa-adapter-test-secret-32-bytes',
  otpSeed: 'XVGR73KMZH2M4XMY',
  domain: 'example.com',
} as const;

/** A clock the test moves by hand, so expiry is proven without waiting. */
export interface TestClock {
  readonly now: () => number;
  set(ms: number): void;
}

export function testClock(start = Date.UTC(2024, 0, 1, 12)): TestClock {
  let now = start;
  return { now: () => now, set: (ms) => void (now = ms) };
}

export function makeXmppToken(options: Partial<XmppTokenOptions> = {}): XmppToken {
  return createXmppToken({ ...KEYS, ...options });
}

/** Wraps a minter so a test can count how many tokens were minted. */
export function countingMints(xmppToken: XmppToken): { xmppToken: XmppToken; mints: () => number } {
  let count = 0;
  const counted: XmppToken = {
    domain: xmppToken.domain,
    domains: xmppToken.domains,
    verify: (user, token) => xmppToken.verify(user, token),
    mint: (user) => {
      count += 1;
      return xmppToken.mint(user);
    },
  };
  return { xmppToken: counted, mints: () => count };
}

export function authorization(authcid: string, token: string): string {
  return formatAuthorizationHeader({ authcid, token });
}
