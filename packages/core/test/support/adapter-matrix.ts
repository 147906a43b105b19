import {
  createXmppToken,
  formatAuthorizationHeader,
  type MintedToken,
  type ReplayStore,
  type XmppToken,
  type XmppTokenOptions,
} from '@xmpp-token/core';
import { fromAuthorizationHeader, type CredentialsExtractor } from '@xmpp-token/core/adapter';
import { vi } from 'vitest';

// The token side of the adapter test matrix, shared by the Fastify, fetch and Hono tests: every
// adapter must answer these cases alike.

// The example keys of mod_auth_token's README: test data, not a secret.
export const KEYS = {
  tokenSecret: 'JYXEX4IQOEYFYQ2S3MC5P4ZT4SDHYEA7',
  otpSeed: 'XVGR73KMZH2M4XMY',
};
export const DOMAIN = 'example.test';
export const NOW = Date.UTC(2025, 0, 1, 12, 0, 10);
export const MINUTE = 60_000;
export const CHALLENGE = 'X-TOKEN realm="xmpp", error="invalid_token"';
export const GENERIC = 'Invalid or missing XMPP token';

/** A minter/verifier for DOMAIN; `clock` and `replayStore` may be injected. */
export function createTestToken(options: Partial<XmppTokenOptions> = {}): XmppToken {
  return createXmppToken({ ...KEYS, domain: DOMAIN, ...options });
}

/** A wrapper whose `mint` is a spy, to prove what was (not) minted. */
export function countingToken(xmppToken: XmppToken = createTestToken()) {
  const mint = vi.fn((user: string) => xmppToken.mint(user));
  const { domain, domains, verify } = xmppToken;
  return { xmppToken: { domain, domains, verify, mint }, mint };
}

/** A verifier whose clock the test moves, so expired/not-yet-valid tokens are deterministic. */
export function clockedToken(replayStore?: ReplayStore) {
  let now = NOW;
  const xmppToken = createTestToken({ clock: () => now, ...(replayStore && { replayStore }) });
  const mintAt = (offsetMs: number, user = 'alice'): MintedToken => {
    now = NOW + offsetMs;
    const minted = xmppToken.mint(user);
    now = NOW;
    return minted;
  };
  return { xmppToken, mintAt };
}

/** The `Authorization: X-TOKEN ...` value for a token claimed by `user`. */
export const header = (user: string, token: string) =>
  formatAuthorizationHeader({ authcid: user, token });

/** The token with one signature character changed (still canonical base64). */
export function tamper(token: string): string {
  const i = token.indexOf(' ') + 1;
  return `${token.slice(0, i)}${token[i] === 'A' ? 'B' : 'A'}${token.slice(i + 1)}`;
}

type Mint = (offsetMs: number, user?: string) => MintedToken;

/** Each refusal the adapters must answer with 401, and the Authorization header that causes it. */
export const REFUSALS: [reason: string, authorization: (mintAt: Mint) => string][] = [
  ['malformed', () => header('alice', '12345678 not-a-signature')],
  ['bad_jid', (mintAt) => header('bad user', mintAt(0).token)],
  ['bad_signature', (mintAt) => header('bob', mintAt(0).token)], // another user's token
  ['bad_signature', (mintAt) => header('alice', tamper(mintAt(0).token))],
  ['expired', (mintAt) => header('alice', mintAt(-5 * MINUTE).token)],
  ['not_yet_valid', (mintAt) => header('alice', mintAt(2 * MINUTE).token)],
  // Signed with this very secret, for a domain the verifier does not serve.
  ['foreign_domain', () => header('bob@other.test', foreignToken('bob@other.test'))],
];

/** A valid token (at NOW) for a JID of another domain, signed with the same keys. */
function foreignToken(jid: string): string {
  const domain = jid.slice(jid.indexOf('@') + 1);
  return createTestToken({ domain, clock: () => NOW }).mint(jid).token;
}

/** Authorization headers that claim X-TOKEN but carry no readable credentials: `malformed`. */
export const GARBAGE_HEADERS = [
  'X-TOKEN',
  'X-TOKEN !!!',
  'x-token AGFsaWNl',
  `X-TOKEN ${Buffer.from('no separators at all').toString('base64')}`,
  `X-TOKEN ${'A'.repeat(8000)}`,
  'X-TOKEN AGFsaWNlADEyMzQ1Njc4IGFiYw== trailing',
];

/** Replay stores that fail, asynchronously or not: verification must refuse (500), never accept. */
export const FAILING_STORES: [string, ReplayStore['remember']][] = [
  ['rejects', () => Promise.reject(new Error('redis down'))],
  [
    'throws',
    () => {
      throw new Error('redis down');
    },
  ],
];

/** A replay store answering through a promise, as a networked one does; single use all the same. */
export function asyncReplayStore(): ReplayStore {
  const seen = new Set<string>();
  return {
    remember: async (key) => {
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    },
  };
}

/** The default location (`Authorization: X-TOKEN`), read by an extractor answering a promise. */
export const asyncHeaderExtractor: CredentialsExtractor = (request) =>
  Promise.resolve(fromAuthorizationHeader()(request));

/**
 * The four ways through an adapter: extractor and replay store each synchronous (the defaults)
 * or asynchronous. Only the first may answer before the middleware returns; all must verify,
 * refuse a replay and fail closed alike.
 */
export const PATHS: {
  readonly name: string;
  readonly synchronous: boolean;
  readonly replayStore?: () => ReplayStore;
  readonly extract?: CredentialsExtractor;
}[] = [
  { name: 'synchronous extractor and store', synchronous: true },
  { name: 'asynchronous store', synchronous: false, replayStore: asyncReplayStore },
  { name: 'asynchronous extractor', synchronous: false, extract: asyncHeaderExtractor },
  {
    name: 'asynchronous extractor and store',
    synchronous: false,
    replayStore: asyncReplayStore,
    extract: asyncHeaderExtractor,
  },
];

/** Extractors that fail, synchronously or not: the adapter's error path (500), never an accept. */
export const FAILING_EXTRACTORS: [string, CredentialsExtractor][] = [
  [
    'throws',
    () => {
      throw new Error('no body parser');
    },
  ],
  ['rejects', () => Promise.reject(new Error('no body parser'))],
];
