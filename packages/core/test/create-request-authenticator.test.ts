import {
  ConfigurationError,
  VerificationError,
  formatAuthorizationHeader,
  type ReplayStore,
} from '@xmpp-token/core';
import { createRequestAuthenticator, fromBody } from '@xmpp-token/core/adapter';
import { describe, expect, it } from 'vitest';
import { fakeRequest } from './support/request.js';
import { createAt, manualClock } from './support/vectors.js';

const T0 = 1_700_000_025_000;

const withHeader = (authcid: string, token: string) =>
  fakeRequest({ headers: { authorization: formatAuthorizationHeader({ authcid, token }) } });

describe('createRequestAuthenticator', () => {
  it('authenticates a valid token: the identity is the normalized JID and its expiry', async () => {
    const xmppToken = createAt(T0);
    const minted = xmppToken.mint('alice');
    const authenticate = createRequestAuthenticator({ xmppToken });
    await expect(authenticate(withHeader('Alice', minted.token))).resolves.toEqual({
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

  it('lets a request without credentials through anonymously when not required', async () => {
    const authenticate = createRequestAuthenticator({
      xmppToken: createAt(T0),
      credentialsRequired: false,
    });
    await expect(authenticate(fakeRequest())).resolves.toEqual({ status: 'anonymous' });
  });

  it('still rejects bad credentials when they are optional', async () => {
    const authenticate = createRequestAuthenticator({
      xmppToken: createAt(T0),
      credentialsRequired: false,
    });
    await expect(authenticate(withHeader('alice', 'nope'))).resolves.toMatchObject({
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

    it('replayed: 401, after one acceptance', async () => {
      clock.set(T0);
      const request = withHeader('alice', at(T0, 'alice'));
      await expect(authenticate(request)).resolves.toMatchObject({ status: 'authenticated' });
      await expect(authenticate(request)).resolves.toMatchObject({
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

  it('tries a list of extractors in order', async () => {
    const xmppToken = createAt(T0);
    const { token } = xmppToken.mint('bob');
    const authenticate = createRequestAuthenticator({
      xmppToken,
      extract: [() => undefined, fromBody()],
    });
    await expect(
      authenticate(fakeRequest({ body: { jid: 'bob@example.test', token } })),
    ).resolves.toMatchObject({
      status: 'authenticated',
      identity: { jid: 'bob@example.test' },
    });
  });

  it('takes a single custom extractor, and ignores the Authorization header then', async () => {
    const xmppToken = createAt(T0);
    const authenticate = createRequestAuthenticator({ xmppToken, extract: fromBody() });
    await expect(
      authenticate(withHeader('alice', xmppToken.mint('alice').token)),
    ).resolves.toMatchObject({
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
});
