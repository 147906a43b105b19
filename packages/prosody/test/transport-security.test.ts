import { openXmppStream } from '@xmpp-token/prosody/test-server';
import { describe, expect, it } from 'vitest';
import { ACCEPTED, rawLogin } from './support/clients.js';
import { mintAt } from './support/clock.js';
import { hasProsody, useProsody } from './support/prosody.js';

/**
 * Prosody 0.12 (c2s_require_encryption = true, its default) offers no SASL mechanism at all on a
 * connection it does not consider secure, and answers <auth/> there with encryption-required.
 */
describe.skipIf(!hasProsody)('Prosody’s defaults: TLS first, then X-TOKEN', () => {
  const suite = useProsody({ c2s: 'starttls', directTls: true, considerWebsocketSecure: false });
  const options = (url: string) => ({ url, domain: 'localhost', ca: suite.server.certificate });

  it('c2s before STARTTLS: no mechanism offered, <auth/> answered encryption-required', async () => {
    const stream = await openXmppStream({ ...options(suite.server.c2sUrl), starttls: false });
    expect(stream.encrypted).toBe(false);
    expect(stream.mechanisms).toEqual([]);
    const { token } = mintAt(suite.keys, 'localhost', 'alice');
    const response = Buffer.from(`\0alice\0${token}`).toString('base64');
    await expect(stream.authenticate(response)).resolves.toEqual({
      success: false,
      condition: 'encryption-required',
    });
    stream.close();
    // It never reached the module: the token is still unused.
    await expect(rawLogin(options(suite.server.c2sUrl), 'alice', token)).resolves.toEqual(ACCEPTED);
  });

  it('c2s after STARTTLS (self-signed certificate, trusted here): X-TOKEN, and a login', async () => {
    const stream = await openXmppStream(options(suite.server.c2sUrl));
    expect(stream.encrypted).toBe(true);
    expect(stream.mechanisms).toEqual(['X-TOKEN']);
    stream.close();
    const { token } = mintAt(suite.keys, 'localhost', 'bob');
    await expect(rawLogin(options(suite.server.c2sUrl), 'bob', token)).resolves.toEqual(ACCEPTED);
  });

  it('direct TLS (xmpps://): X-TOKEN, and a login', async () => {
    const url = suite.server.directTlsUrl ?? '';
    const { token } = mintAt(suite.keys, 'localhost', 'carol');
    await expect(rawLogin(options(url), 'carol', token)).resolves.toEqual(ACCEPTED);
  });

  it('plain ws:// without consider_websocket_secure: no stream features, a stream error', async () => {
    await expect(openXmppStream(options(suite.server.websocketUrl))).rejects.toThrow(
      'stream error: undefined-condition',
    );
    expect(suite.server.readLog()).toContain('Not offering authentication on insecure connection');
  });

  it('ws:// through a trusted proxy (loopback) that says X-Forwarded-Proto: https: X-TOKEN', async () => {
    const headers = { 'X-Forwarded-Proto': 'https' };
    const stream = await openXmppStream({ ...options(suite.server.websocketUrl), headers });
    expect(stream.mechanisms).toEqual(['X-TOKEN']);
    const { token } = mintAt(suite.keys, 'localhost', 'dave');
    await expect(
      stream.authenticate(Buffer.from(`\0dave\0${token}`).toString('base64')),
    ).resolves.toEqual(ACCEPTED);
    stream.close();
  });
});

describe.skipIf(!hasProsody)('consider_websocket_secure = true (a TLS proxy in front)', () => {
  const suite = useProsody({ considerWebsocketSecure: true, c2s: 'starttls' });

  it('plain ws:// is offered X-TOKEN, while plain c2s still is not', async () => {
    const ws = await openXmppStream({ url: suite.server.websocketUrl, domain: 'localhost' });
    expect(ws.mechanisms).toEqual(['X-TOKEN']);
    ws.close();
    const c2s = await openXmppStream({
      url: suite.server.c2sUrl,
      domain: 'localhost',
      starttls: false,
    });
    expect(c2s.mechanisms).toEqual([]);
    c2s.close();
  });
});
