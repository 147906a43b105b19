import { WebSocket } from 'ws';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { client } from '@xmpp/client';
import {
  isXmppTokenClientError,
  registerXmppJsXToken,
  X_TOKEN,
  xmppJsCredentials,
  type XmppCredentials,
  type XmppJsEntity,
} from '@xmpp-token/client';
import { startFakeEndpoint, type FakeEndpoint } from './helpers/fake-endpoint.js';
import {
  base64ToHex,
  mintVectorToken,
  saslVector,
  vectorXmppToken,
  VECTOR_HOST,
} from './helpers/vectors.js';

let endpoint: FakeEndpoint;

beforeAll(() => {
  // @xmpp/websocket uses the global WebSocket, which Node 20 lacks (browsers and Node 22 have it).
  (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
});
// A fresh endpoint (and replay store) per test: several vectors share one token.
beforeEach(async () => {
  endpoint = await startFakeEndpoint(vectorXmppToken(saslVector('valid').verifyUnixMs));
});
afterEach(() => endpoint.close());

/** Starts a real xmpp.js client with X-TOKEN registered; resolves when online, then stops it. */
async function signIn(
  credentials: () => Promise<XmppCredentials>,
  service = endpoint.url,
  options: { allowInsecure?: boolean; register?: boolean } = {},
): Promise<void> {
  const xmpp = client({
    service,
    domain: VECTOR_HOST,
    credentials: xmppJsCredentials(credentials, options),
  });
  xmpp.on('error', () => undefined); // the rejection of start() carries the same error
  if (options.register !== false) registerXmppJsXToken(xmpp.saslFactory);
  try {
    await xmpp.start();
  } finally {
    await xmpp.stop();
  }
}

describe('registerXmppJsXToken, driven through xmpp.js (@xmpp/client 0.14)', () => {
  it.each([
    ['valid', 'alice'],
    ['authcid-uppercase', 'Alice'],
    ['authcid-unicode-fold', 'Stra\u00dfe'],
  ])('sends the exact initial response of vector %s, and core accepts it', async (id, local) => {
    const vector = saslVector(id);
    const password = mintVectorToken(vector).token;
    await signIn(async () => ({ jid: `${local}@${VECTOR_HOST}`, password }));
    expect(endpoint.auths).toHaveLength(1);
    expect(base64ToHex(endpoint.auths[0]?.response ?? '')).toBe(vector.messageHex);
    expect(endpoint.auths[0]?.result).toMatchObject({
      ok: true,
      jid: `${vector.username}@${VECTOR_HOST}`,
    });
  });

  it('rejects start() when the server refuses the token', async () => {
    const password = mintVectorToken(saslVector('valid')).token.replace(/.=$/, 'A=');
    await expect(
      signIn(async () => ({ jid: `alice@${VECTOR_HOST}`, password })),
    ).rejects.toMatchObject({
      condition: 'not-authorized',
    });
  });

  it('fetches fresh credentials for every connection', async () => {
    let calls = 0;
    const fetchCredentials = async () => {
      calls += 1;
      return { jid: `alice@${VECTOR_HOST}`, password: mintVectorToken(saslVector('valid')).token };
    };
    await signIn(fetchCredentials);
    await expect(signIn(fetchCredentials)).rejects.toMatchObject({ condition: 'not-authorized' });
    expect(calls).toBe(2); // the second connection re-fetched (and this fixed nonce was replayed)
  });

  it('refuses a clear-text transport before fetching anything (unless allowInsecure)', async () => {
    let fetched = false;
    const fetchCredentials = async () => {
      fetched = true;
      return { jid: `alice@${VECTOR_HOST}`, password: 'x' };
    };
    const clearText = await startFakeEndpoint(
      vectorXmppToken(saslVector('valid').verifyUnixMs),
      '127.0.0.2',
    );
    try {
      const error = await signIn(fetchCredentials, clearText.url).catch((e: unknown) => e);
      expect(isXmppTokenClientError(error, 'ERR_XMPP_TOKEN_INSECURE_TRANSPORT')).toBe(true);
      expect(fetched).toBe(false);
      expect(clearText.auths).toHaveLength(0);
      const password = mintVectorToken(saslVector('valid')).token;
      const allowed = async () => ({ jid: `alice@${VECTOR_HOST}`, password });
      await signIn(allowed, clearText.url, { allowInsecure: true });
      expect(clearText.auths).toHaveLength(1);
    } finally {
      await clearText.close();
    }
  });

  it('says so when X-TOKEN was not registered', async () => {
    let fetched = false;
    const fetchCredentials = async () => {
      fetched = true;
      return { jid: `alice@${VECTOR_HOST}`, password: 'x' };
    };
    // This server offers X-TOKEN alone, so xmpp.js itself finds no mechanism it knows.
    const error = await signIn(fetchCredentials, endpoint.url, { register: false }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      name: 'SASLError',
      condition: 'SASL: No compatible mechanism available.',
    });
    expect(fetched).toBe(false);
    expect(endpoint.auths).toHaveLength(0);
  });

  it('says so, before fetching, when the mechanisms xmpp.js may use lack X-TOKEN', async () => {
    let fetched = false;
    const handler = xmppJsCredentials(async () => {
      fetched = true;
      return { jid: `alice@${VECTOR_HOST}`, password: 'x' };
    });
    const entity: XmppJsEntity = {
      isSecure: () => true,
      stop: async () => undefined,
      options: { domain: VECTOR_HOST },
    };
    // What xmpp.js passes when the server also offers PLAIN but X-TOKEN was not registered.
    const error = await handler(
      async () => undefined,
      ['SCRAM-SHA-1', 'PLAIN'],
      null,
      entity,
    ).catch((e: unknown) => e);
    expect(isXmppTokenClientError(error, 'ERR_XMPP_TOKEN_NO_MECHANISM')).toBe(true);
    expect(fetched).toBe(false);
  });

  it('refuses credentials for another domain', async () => {
    const error = await signIn(async () => ({ jid: 'alice@elsewhere.test', password: 'x' })).catch(
      (e: unknown) => e,
    );
    expect(isXmppTokenClientError(error, 'ERR_XMPP_TOKEN_CREDENTIALS')).toBe(true);
    expect(endpoint.auths).toHaveLength(0);
  });

  it('registers under X-TOKEN a mechanism whose response is the PLAIN layout in UTF-8', () => {
    const registered: { name: string; mechanism: new () => { response(c: object): string } }[] = [];
    registerXmppJsXToken({ use: (name, mechanism) => registered.push({ name, mechanism }) });
    expect(registered.map((r) => r.name)).toEqual([X_TOKEN]);
    const [{ mechanism: Mechanism }] = registered as [(typeof registered)[number]];
    const mechanism = new Mechanism();
    expect(mechanism).toMatchObject({ name: X_TOKEN, clientFirst: true });
    const response = mechanism.response({ username: 'Stra\u00dfe', password: 't' });
    expect(Buffer.from(response, 'latin1').toString('hex')).toBe(
      Buffer.from('\0Stra\u00dfe\0t').toString('hex'),
    );
    expect(() => registerXmppJsXToken({} as never)).toThrow(
      expect.objectContaining({ code: 'ERR_XMPP_TOKEN_CONFIG' }),
    );
  });

  it('throws an XmppTokenClientError (ERR_XMPP_TOKEN_CONFIG), not a TypeError, for misuse', () => {
    for (const misuse of [
      () => registerXmppJsXToken(undefined as never),
      () => xmppJsCredentials('/xmpp/credentials' as never),
    ]) {
      const error = (() => {
        try {
          misuse();
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(isXmppTokenClientError(error, 'ERR_XMPP_TOKEN_CONFIG')).toBe(true);
    }
  });
});
