import { xml } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import {
  ACCEPTED,
  NOT_AUTHORIZED,
  rawLogin,
  xmppJsLogin,
  xmppJsOnline,
} from './support/clients.js';
import { mintAt } from './support/clock.js';
import { expectLogFreeOf, hasProsody, useProsody } from './support/prosody.js';

describe.skipIf(!hasProsody)('xmpp.js logs in to real Prosody with X-TOKEN', () => {
  const suite = useProsody();
  const issued: string[] = [];
  const mint = (user: string) => {
    const minted = mintAt(suite.keys, 'localhost', user);
    issued.push(minted.token);
    return minted;
  };
  const transports = [
    ['c2s', () => suite.server.c2sUrl],
    ['WebSocket', () => suite.server.websocketUrl],
  ] as const;

  describe.each(transports)('over %s', (_name, url) => {
    it('binds a resource for the JID the token was minted for', async () => {
      const { jid, token } = mint('alice');
      const bound = await xmppJsLogin(url(), 'localhost', { jid, password: token });
      expect(bound).toMatch(/^alice@localhost\/.+$/);
    });

    it.each([
      ['Alice', 'alice'],
      ['Straße', 'strasse'],
      ['ΝΙΚΟΣ', 'νικοσ'],
    ])('nodepreps %s to %s, as the app signed it', async (typed, prepped) => {
      const { token } = mint(typed);
      const bound = await xmppJsLogin(url(), 'localhost', {
        jid: `${typed}@localhost`,
        password: token,
      });
      expect(bound.startsWith(`${prepped}@localhost/`)).toBe(true);
    });

    it('refuses the same token on a second connection (not-authorized)', async () => {
      const { jid, token } = mint('bob');
      await xmppJsLogin(url(), 'localhost', { jid, password: token });
      await expect(xmppJsLogin(url(), 'localhost', { jid, password: token })).rejects.toMatchObject(
        { condition: 'not-authorized' },
      );
    });

    it('refuses a token minted for someone else', async () => {
      const { token } = mint('carol');
      await expect(
        xmppJsLogin(url(), 'localhost', { jid: 'mallory@localhost', password: token }),
      ).rejects.toMatchObject({ condition: 'not-authorized' });
      // Unused by the refusal: carol can still log in with it.
      await expect(rawLogin({ url: url(), domain: 'localhost' }, 'carol', token)).resolves.toEqual(
        ACCEPTED,
      );
    });
  });

  it('a token used over c2s is refused over WebSocket, and the other way round', async () => {
    const first = mint('dave');
    const second = mint('dave');
    const c2s = { url: suite.server.c2sUrl, domain: 'localhost' };
    const ws = { url: suite.server.websocketUrl, domain: 'localhost' };
    await expect(rawLogin(c2s, 'dave', first.token)).resolves.toEqual(ACCEPTED);
    await expect(rawLogin(ws, 'dave', first.token)).resolves.toEqual(NOT_AUTHORIZED);
    await expect(rawLogin(ws, 'dave', second.token)).resolves.toEqual(ACCEPTED);
    await expect(rawLogin(c2s, 'dave', second.token)).resolves.toEqual(NOT_AUTHORIZED);
  });

  it('never writes a token or a key to the log (debug level)', () => {
    expect(issued.length).toBeGreaterThan(5);
    const base64 = issued.map((token) => Buffer.from(token).toString('base64'));
    expectLogFreeOf(suite.server, [
      ...issued,
      ...base64,
      suite.keys.tokenSecret,
      suite.keys.otpSeed,
    ]);
    // The signatures alone, and the OTP+nonce prefixes, do not appear either.
    expectLogFreeOf(
      suite.server,
      issued.flatMap((token) => token.split(' ')),
    );
  });
});

describe.skipIf(!hasProsody)('users exist once they have logged in with a token', () => {
  const suite = useProsody();
  const online = (user: string) => {
    const { jid, token } = mintAt(suite.keys, 'localhost', user);
    return xmppJsOnline(suite.server.c2sUrl, 'localhost', { jid, password: token });
  };
  const chat = (to: string, id: string) =>
    xml('message', { to, id, type: 'chat' }, xml('body', {}, `hello ${to}`));

  it('a message to a known user who is offline waits for them; to an unknown one it bounces', async () => {
    const bob = await online('bob');
    await bob.stop();
    const alice = await online('alice');
    try {
      await alice.send(chat('bob@localhost', 'to-bob'));
      await alice.send(chat('nobody@localhost', 'to-nobody'));
      // Prosody answers in order: once nobody's bounce is in, bob's would be too.
      await expect
        .poll(() => alice.received.find((s) => s.attrs.id === 'to-nobody')?.attrs.type)
        .toBe('error');
      expect(alice.received.find((s) => s.attrs.id === 'to-bob')).toBeUndefined();
    } finally {
      await alice.stop();
    }
    const back = await online('bob');
    try {
      await expect
        .poll(() => back.received.find((s) => s.name === 'message')?.getChildText('body'))
        .toBe('hello bob@localhost');
    } finally {
      await back.stop();
    }
  });
});
