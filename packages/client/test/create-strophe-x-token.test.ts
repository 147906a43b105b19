import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createStropheXToken } from '@xmpp-token/client';
import { startFakeEndpoint, type FakeEndpoint } from './helpers/fake-endpoint.js';
import { loadStrophe, type StropheModule } from './helpers/strophe-in-node.js';
import {
  base64ToHex,
  mintVectorToken,
  saslVector,
  vectorXmppToken,
  VECTOR_HOST,
  type SaslVector,
} from './helpers/vectors.js';

let strophe: StropheModule;
let endpoint: FakeEndpoint;
const verifyAt = saslVector('valid').verifyUnixMs;

beforeAll(async () => {
  strophe = await loadStrophe();
});
// A fresh endpoint (and replay store) per test: several vectors share one token.
beforeEach(async () => {
  endpoint = await startFakeEndpoint(vectorXmppToken(verifyAt));
});
afterEach(() => endpoint.close());

/**
 * Runs a real Strophe connection until it is connected or refused, then disconnects it (closing
 * its WebSocket); resolves the status it ended in once Strophe reports DISCONNECTED.
 */
function connect(
  url: string,
  jid: string,
  password: string,
  options: { authcid?: string; mechanisms?: unknown[] } = {},
): Promise<string> {
  const { Strophe } = strophe;
  const mechanisms = options.mechanisms ?? [createStropheXToken(Strophe)];
  const connection = new Strophe.Connection(url, { mechanisms });
  const names = Object.fromEntries(Object.entries(Strophe.Status).map(([k, v]) => [v, k]));
  let outcome: string | undefined;
  return new Promise((resolve) => {
    connection.connect(
      jid,
      password,
      (status) => {
        const name = names[status] as string;
        if (name === 'DISCONNECTED') {
          resolve(outcome ?? name);
        } else if (
          outcome === undefined &&
          ['CONNECTED', 'AUTHFAIL', 'CONNFAIL', 'ERROR'].includes(name)
        ) {
          outcome = name;
          // Strophe closes its WebSocket in disconnect(), then reports DISCONNECTED (reset() would not).
          connection.disconnect();
        }
      },
      undefined,
      undefined,
      undefined,
      options.authcid,
    );
  });
}

describe('createStropheXToken, driven through Strophe.js 5', () => {
  const cases: [string, (v: SaslVector) => string][] = [
    ['valid', () => `alice@${VECTOR_HOST}`],
    ['authcid-uppercase', () => `Alice@${VECTOR_HOST}`],
    ['authcid-unicode-fold', (v) => `${v.authcid}@${VECTOR_HOST}`],
  ];
  it.each(cases)(
    'sends the exact initial response of vector %s, and Prosody-like core accepts it',
    async (id, jidOf) => {
      const vector = saslVector(id);
      const before = endpoint.auths.length;
      const status = await connect(endpoint.url, jidOf(vector), mintVectorToken(vector).token);
      const auth = endpoint.auths[before];
      expect(base64ToHex(auth?.response ?? '')).toBe(vector.messageHex);
      expect(auth?.result).toMatchObject({ ok: true, jid: `${vector.username}@${VECTOR_HOST}` });
      expect(status).toBe('CONNECTED');
    },
  );

  it('sends an authzid that differs from the authcid (vector authzid-other-user)', async () => {
    const vector = saslVector('authzid-other-user');
    const before = endpoint.auths.length;
    await connect(endpoint.url, vector.authzid, mintVectorToken(vector).token, {
      authcid: vector.authcid,
    });
    expect(base64ToHex(endpoint.auths[before]?.response ?? '')).toBe(vector.messageHex);
  });

  it('ends in AUTHFAIL when the server refuses the token', async () => {
    const vector = saslVector('valid');
    const token = mintVectorToken(vector).token.replace(/.=$/, 'A=');
    expect(await connect(endpoint.url, `alice@${VECTOR_HOST}`, token)).toBe('AUTHFAIL');
  });

  it('is a Strophe.SASLPlain named X-TOKEN with priority 80 (or as configured)', () => {
    const { Strophe } = strophe;
    const mechanism = new (createStropheXToken(Strophe))();
    expect(mechanism).toBeInstanceOf(Strophe.SASLPlain);
    expect(mechanism).toMatchObject({ mechname: 'X-TOKEN', isClientFirst: true, priority: 80 });
    expect(new (createStropheXToken(Strophe, { priority: 5 }))().priority).toBe(5);
  });

  it('test() refuses a missing authcid or token, and a clear-text non-loopback service', () => {
    const mechanism = new (createStropheXToken(strophe.Strophe))();
    const base = { authzid: 'a@h', domain: 'h', authcid: 'a', pass: 't', service: 'wss://h/ws' };
    expect(mechanism.test({ ...base })).toBe(true);
    expect(mechanism.test({ ...base, service: 'ws://127.0.0.1:5280/ws' })).toBe(true);
    expect(mechanism.test({ ...base, authcid: null })).toBe(false);
    expect(mechanism.test({ ...base, pass: '' })).toBe(false);
    expect(mechanism.test({ ...base, service: 'ws://chat.example.com/ws' })).toBe(false);
    expect(mechanism.test({ ...base, service: 'http://chat.example.com/http-bind' })).toBe(false);
    const insecure = new (createStropheXToken(strophe.Strophe, { allowInsecure: true }))();
    expect(insecure.test({ ...base, service: 'ws://chat.example.com/ws' })).toBe(true);
  });

  it('test() resolves a relative service URL against the page, as Strophe does', () => {
    const mechanism = new (createStropheXToken(strophe.Strophe))();
    const connection = { authzid: 'a@h', domain: 'h', authcid: 'a', pass: 't', service: '/ws' };
    const page = globalThis as { location?: { href: string } };
    try {
      page.location = { href: 'https://app.example.com/chat' };
      expect(mechanism.test(connection)).toBe(true);
      page.location = { href: 'http://app.example.com/chat' };
      expect(mechanism.test(connection)).toBe(false);
    } finally {
      delete page.location;
    }
    expect(mechanism.test(connection)).toBe(false); // no page: cannot tell, so refuse
  });

  it('so over clear text the connection fails without sending the token (unless allowInsecure)', async () => {
    const vector = saslVector('valid');
    const clearText = await startFakeEndpoint(vectorXmppToken(verifyAt), '127.0.0.2');
    try {
      const { token } = mintVectorToken(vector);
      const status = await connect(clearText.url, `alice@${VECTOR_HOST}`, token);
      expect(status).not.toBe('CONNECTED');
      expect(clearText.auths).toHaveLength(0);
      const insecure = createStropheXToken(strophe.Strophe, { allowInsecure: true });
      const allowed = await connect(clearText.url, `alice@${VECTOR_HOST}`, token, {
        mechanisms: [insecure],
      });
      expect(allowed).toBe('CONNECTED');
    } finally {
      await clearText.close();
    }
  });

  it("encodes characters outside the BMP as UTF-8, not as Strophe PLAIN's CESU-8", () => {
    const mechanism = new (createStropheXToken(strophe.Strophe))();
    const connection = {
      authcid: 'a\u{1F600}',
      authzid: 'a\u{1F600}@h',
      domain: 'h',
      pass: 't',
      service: 'wss://h',
    };
    const hex = (binary: string) => Buffer.from(binary, 'latin1').toString('hex');
    expect(hex(mechanism.onChallenge(connection))).toBe(
      Buffer.from('\0a\u{1F600}\0t').toString('hex'),
    );
    // Why PLAIN's own encoder is not reused: it emits each surrogate as 3 bytes (CESU-8).
    expect(hex(new strophe.Strophe.SASLPlain().onChallenge(connection))).not.toBe(
      hex(mechanism.onChallenge(connection)),
    );
  });

  it('asks for the Strophe namespace', () => {
    expect(() => createStropheXToken({} as never)).toThrow(
      expect.objectContaining({ code: 'ERR_XMPP_TOKEN_CONFIG' }),
    );
  });
});
