import {
  ConfigurationError,
  VerificationError,
  formatAuthorizationHeader,
  type ReplayStore,
} from '@xmpp-token/core';
import {
  createRequestAuthenticator,
  fromBody,
  type CredentialsExtractor,
} from '@xmpp-token/core/adapter';
import { describe, expect, it, vi } from 'vitest';
import { fakeRequest } from './support/request.js';
import { createAt, manualClock } from './support/vectors.js';

const T0 = 1_700_000_025_000;

const withHeader = (authcid: string, token: string) =>
  fakeRequest({ headers: { authorization: formatAuthorizationHeader({ authcid, token }) } });

describe('createRequestAuthenticator', () => {
  it('authenticates a valid token: the identity is the normalized JID and its expiry', () => {
    const xmppToken = createAt(T0);
    const minted = xmppToken.mint('alice');
    const authenticate = createRequestAuthenticator({ xmppToken });
    expect(authenticate(withHeader('Alice', minted.token))).toEqual({
      status: 'authenticated',
      identity: { jid: 'alice@example.test', expiresAt: minted.expiresAt },
    });
  });

  it('rejects a request without credentials: credentials_required, a bare challenge', async () => {
    const outcome = await createRequestAuthenticator({ xmppToken: createAt(T0) })(fakeRequest());
    expect(outcome.status).toBe('rejected');
    const error = outcome.status === 'rejected' ? outcome.error : undefined;
    expect(error).toBeInstanceOf(VerificationError);
    expect(error).toMatchObject({
      reason: 'credentials_required',
      status: 401,
      wwwAuthenticate: 'X-TOKEN realm="xmpp"',
    });
  });

  it('lets a request without credentials through anonymously when not required', () => {
    const authenticate = createRequestAuthenticator({
      xmppToken: createAt(T0),
      credentialsRequired: false,
    });
    expect(authenticate(fakeRequest())).toEqual({ status: 'anonymous' });
  });

  it('still rejects bad credentials when they are optional', () => {
    const authenticate = createRequestAuthenticator({
      xmppToken: createAt(T0),
      credentialsRequired: false,
    });
    expect(authenticate(withHeader('alice', 'nope'))).toMatchObject({
      status: 'rejected',
      error: { reason: 'malformed' },
    });
  });

  describe('rejects with the verifier’s reason', () => {
    const clock = manualClock(T0);
    const xmppToken = createAt(clock);
    const authenticate = createRequestAuthenticator({ xmppToken, realm: 'chat' });
    const at = (ms: number, user: string) => {
      clock.set(ms);
      return xmppToken.mint(user).token;
    };

    it.each([
      ['malformed', () => withHeader('alice', 'not a token')],
      ['bad_jid', () => withHeader('al ice', at(T0, 'alice'))],
      ['bad_signature', () => withHeader('bob', at(T0, 'alice'))],
      ['expired', () => withHeader('alice', at(T0 - 120_000, 'alice'))],
      ['not_yet_valid', () => withHeader('alice', at(T0 + 120_000, 'alice'))],
    ])('%s: 401 with the challenge', async (reason, request) => {
      const made = request();
      clock.set(T0);
      const outcome = await authenticate(made);
      expect(outcome).toMatchObject({
        status: 'rejected',
        error: {
          reason,
          status: 401,
          wwwAuthenticate: 'X-TOKEN realm="chat", error="invalid_token"',
        },
      });
    });

    it('replayed: 401, after one acceptance', () => {
      clock.set(T0);
      const request = withHeader('alice', at(T0, 'alice'));
      expect(authenticate(request)).toMatchObject({ status: 'authenticated' });
      expect(authenticate(request)).toMatchObject({
        status: 'rejected',
        error: { reason: 'replayed', status: 401 },
      });
    });
  });

  it('store_failure: 500, no challenge, the store’s error as cause (fail closed)', async () => {
    const broken = new Error('redis down');
    const replayStore: ReplayStore = { remember: () => Promise.reject(broken) };
    const xmppToken = createAt(T0, { replayStore });
    const outcome = await createRequestAuthenticator({ xmppToken })(
      withHeader('alice', xmppToken.mint('alice').token),
    );
    expect(outcome).toMatchObject({
      status: 'rejected',
      error: { reason: 'store_failure', status: 500 },
    });
    const error = outcome.status === 'rejected' ? outcome.error : undefined;
    expect(error?.wwwAuthenticate).toBeUndefined();
    expect(error?.cause).toBe(broken);
  });

  it('tries a list of extractors in order', () => {
    const xmppToken = createAt(T0);
    const { token } = xmppToken.mint('bob');
    const authenticate = createRequestAuthenticator({
      xmppToken,
      extract: [() => undefined, fromBody()],
    });
    expect(authenticate(fakeRequest({ body: { jid: 'bob@example.test', token } }))).toMatchObject({
      status: 'authenticated',
      identity: { jid: 'bob@example.test' },
    });
  });

  it('takes a single custom extractor, and ignores the Authorization header then', () => {
    const xmppToken = createAt(T0);
    const authenticate = createRequestAuthenticator({ xmppToken, extract: fromBody() });
    expect(authenticate(withHeader('alice', xmppToken.mint('alice').token))).toMatchObject({
      error: { reason: 'credentials_required' },
    });
  });

  it('passes the framework request to extractors', async () => {
    const seen: unknown[] = [];
    const authenticate = createRequestAuthenticator<{ id: string }>({
      xmppToken: createAt(T0),
      extract: (request) => {
        seen.push(request.raw.id);
        return undefined;
      },
    });
    await authenticate(fakeRequest());
    expect(seen).toEqual(['raw-request']);
  });

  it('rejects the promise when an extractor throws (the adapter’s 500 path)', async () => {
    const failure = new Error('cookie parser missing');
    const authenticate = createRequestAuthenticator({
      xmppToken: createAt(T0),
      extract: () => {
        throw failure;
      },
    });
    await expect(authenticate(fakeRequest())).rejects.toBe(failure);
  });

  it.each([undefined, {}, { xmppToken: undefined }, { xmppToken: { verify: () => true } }])(
    'throws a ConfigurationError at once without a usable xmppToken (%j)',
    (options) => {
      const create = () => createRequestAuthenticator(options as never);
      expect(create).toThrow(ConfigurationError);
      expect(create).toThrow(/xmppToken is required/);
    },
  );

  describe('answers synchronously only when everything on the way does', () => {
    const setup = (options: { replayStore?: ReplayStore; extract?: CredentialsExtractor } = {}) => {
      const xmppToken = createAt(
        T0,
        options.replayStore ? { replayStore: options.replayStore } : {},
      );
      const authenticate = createRequestAuthenticator({
        xmppToken,
        ...(options.extract && { extract: options.extract }),
      });
      return { xmppToken, authenticate };
    };
    const asyncStore = (): ReplayStore => {
      const seen = new Set<string>();
      return { remember: async (key) => !seen.has(key) && Boolean(seen.add(key)) };
    };

    it('default extractor and memory store: the outcome itself, for every kind of outcome', () => {
      const { xmppToken, authenticate } = setup();
      const request = withHeader('alice', xmppToken.mint('alice').token);
      for (const [made, status] of [
        [request, 'authenticated'],
        [request, 'rejected'], // replayed
        [withHeader('alice', 'nope'), 'rejected'],
        [fakeRequest(), 'rejected'], // credentials_required
      ] as const) {
        const outcome = authenticate(made);
        expect(outcome).not.toBeInstanceOf(Promise);
        expect(outcome).toMatchObject({ status });
      }
    });

    it('an asynchronous store: a promise of the same outcomes, replays refused', async () => {
      const { xmppToken, authenticate } = setup({ replayStore: asyncStore() });
      const request = withHeader('alice', xmppToken.mint('alice').token);
      const first = authenticate(request);
      expect(first).toBeInstanceOf(Promise);
      await expect(first).resolves.toMatchObject({ status: 'authenticated' });
      await expect(authenticate(request)).resolves.toMatchObject({
        status: 'rejected',
        error: { reason: 'replayed' },
      });
      // Refusals before the store need no promise, whatever the store.
      expect(authenticate(withHeader('alice', 'nope'))).toMatchObject({ status: 'rejected' });
    });

    it('an asynchronous extractor: a promise, with a synchronous or asynchronous store', async () => {
      for (const replayStore of [undefined, asyncStore()]) {
        const { xmppToken, authenticate } = setup({
          ...(replayStore && { replayStore }),
          extract: async ({ header }) => ({ user: 'bob', token: header('x-token') ?? '' }),
        });
        const request = fakeRequest({ headers: { 'x-token': xmppToken.mint('bob').token } });
        const outcome = authenticate(request);
        expect(outcome).toBeInstanceOf(Promise);
        await expect(outcome).resolves.toMatchObject({
          status: 'authenticated',
          identity: { jid: 'bob@example.test' },
        });
        await expect(authenticate(request)).resolves.toMatchObject({
          error: { reason: 'replayed' },
        });
      }
    });

    it('an extractor that throws or rejects: a rejected promise, never a throw', async () => {
      const failure = new Error('body parser missing');
      for (const extract of [
        () => {
          throw failure;
        },
        () => Promise.reject(failure),
      ]) {
        const { authenticate } = setup({ extract });
        const outcome = authenticate(fakeRequest());
        expect(outcome).toBeInstanceOf(Promise);
        await expect(outcome).rejects.toBe(failure);
      }
    });

    it('a store that throws, rejects or hangs: store_failure (500), synchronously only for a throw', async () => {
      const broken = new Error('down');
      const cases: [ReplayStore['remember'], boolean][] = [
        [
          () => {
            throw broken;
          },
          true,
        ],
        [() => Promise.reject(broken), false],
      ];
      for (const [remember, synchronous] of cases) {
        const { xmppToken, authenticate } = setup({ replayStore: { remember } });
        const outcome = authenticate(withHeader('alice', xmppToken.mint('alice').token));
        expect(outcome instanceof Promise).toBe(!synchronous);
        await expect(Promise.resolve(outcome)).resolves.toMatchObject({
          status: 'rejected',
          error: { reason: 'store_failure', status: 500, cause: broken },
        });
      }
      const hanging = createAt(T0, {
        replayStore: { remember: () => new Promise<boolean>(() => undefined) },
        replayStoreTimeoutMs: 10,
      });
      const outcome = createRequestAuthenticator({ xmppToken: hanging })(
        withHeader('alice', hanging.mint('alice').token),
      );
      await expect(outcome).resolves.toMatchObject({ error: { reason: 'store_failure' } });
    });

    it('a wrapped instance (no synchronous path) still works, through its verify', async () => {
      const inner = createAt(T0);
      const verify = vi.fn((user: string, token: string) => inner.verify(user, token));
      const { domain, domains, mint } = inner;
      const authenticate = createRequestAuthenticator({
        xmppToken: { domain, domains, mint, verify },
      });
      const outcome = authenticate(withHeader('alice', inner.mint('alice').token));
      expect(outcome).toBeInstanceOf(Promise);
      await expect(outcome).resolves.toMatchObject({ status: 'authenticated' });
      expect(verify).toHaveBeenCalledTimes(1);
    });

    it('a verify replaced after the authenticator was made (a spy) is the one called', async () => {
      const xmppToken = createAt(T0);
      const authenticate = createRequestAuthenticator({ xmppToken });
      const refused = vi.fn(() => Promise.resolve({ ok: false, reason: 'expired' } as const));
      xmppToken.verify = refused;
      await expect(
        Promise.resolve(authenticate(withHeader('alice', xmppToken.mint('alice').token))),
      ).resolves.toMatchObject({ error: { reason: 'expired' } });
      expect(refused).toHaveBeenCalledTimes(1);
    });
  });
});
