import { createXmppToken } from '@xmpp-token/core';
import { createCredentialsResponder } from '@xmpp-token/core/adapter';
import { describe, expect, it } from 'vitest';

const options = {
  tokenSecret: 'JYXEX4IQOEYFYQ2S3MC5P4ZT4SDHYEA7',
  otpSeed: 'XVGR73KMZH2M4XMY',
  domain: 'example.test',
};

describe('createCredentialsResponder', () => {
  const xmppToken = createXmppToken(options);
  const respond = createCredentialsResponder<{ user?: unknown }>({ xmppToken }, (req) => req.user);

  it('answers a signed-in GET with a fresh, verifiable token and no-store headers', async () => {
    const reply = await respond('GET', { user: { username: 'Alice' } });
    expect(reply.status).toBe(200);
    expect(reply.headers['Cache-Control']).toBe('no-store');
    const body = reply.body as { jid: string; password: string };
    expect(body.jid).toBe('alice@example.test');
    const verifier = createXmppToken(options);
    await expect(verifier.verify(body.jid, body.password)).resolves.toMatchObject({ ok: true });
    const again = (await respond('GET', { user: 'alice' })).body as { password: string };
    expect(again.password).not.toBe(body.password);
  });

  it('answers 401 with a generic body when nobody is signed in', async () => {
    const reply = await respond('GET', {});
    expect(reply).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    expect(reply.headers['Cache-Control']).toBe('no-store');
  });

  it('answers 405 with Allow for other methods, without minting', async () => {
    let minted = 0;
    const counting = createCredentialsResponder<object>(
      { xmppToken: { ...xmppToken, mint: (user) => (minted++, xmppToken.mint(user)) } },
      () => 'alice',
    );
    const reply = await counting('POST', {});
    expect(reply).toMatchObject({ status: 405, headers: { Allow: 'GET, HEAD' } });
    expect(reply.body).toBeUndefined();
    expect(minted).toBe(0);
  });

  it('rejects with InvalidJidError for an identity Prosody would refuse', async () => {
    await expect(respond('GET', { user: 'bad user' })).rejects.toMatchObject({
      code: 'ERR_XMPP_TOKEN_INVALID_JID',
    });
  });
});
