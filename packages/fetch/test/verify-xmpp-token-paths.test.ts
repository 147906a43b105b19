import type { ReplayStore } from '@xmpp-token/core';
import { verifyXmppToken, type CredentialsExtractor } from '@xmpp-token/fetch';
import { describe, expect, it } from 'vitest';
import {
  FAILING_EXTRACTORS,
  FAILING_STORES,
  NOW,
  PATHS,
  createTestToken,
  header,
} from '../../core/test/support/adapter-matrix.js';

const URL = 'https://app.example/api';

const setup = (replayStore?: ReplayStore, extract?: CredentialsExtractor<Request>) => {
  const xmppToken = createTestToken({ clock: () => NOW, ...(replayStore && { replayStore }) });
  const verify = verifyXmppToken({ xmppToken, debug: true, ...(extract && { extract }) });
  const signed = () =>
    new Request(URL, {
      headers: { authorization: header('alice', xmppToken.mint('alice').token) },
    });
  return { verify, signed };
};

// A promise either way (the fetch API's contract); the synchronous path only spares the work
// behind it. Every way through must verify, refuse a replay and fail closed alike.
describe.each(PATHS)('verifyXmppToken on the fetch API, $name', ({ replayStore, extract }) => {
  it('resolves the identity once, then a 401 for the replay', async () => {
    const { verify, signed } = setup(replayStore?.(), extract);
    const request = signed();
    const first = verify(request);
    expect(first).toBeInstanceOf(Promise);
    await expect(first).resolves.toMatchObject({
      ok: true,
      identity: { jid: 'alice@example.test' },
    });
    const replayed = await verify(request);
    if (replayed.ok) throw new Error('accepted twice');
    expect(replayed.response.status).toBe(401);
    await expect(replayed.response.json()).resolves.toMatchObject({ reason: 'replayed' });
  });

  it.each(FAILING_STORES)('answers a 500 Response when the store %s', async (_, remember) => {
    const { verify, signed } = setup({ remember }, extract);
    const result = await verify(signed());
    if (result.ok) throw new Error('accepted');
    expect(result.response.status).toBe(500);
    expect(result.error).toMatchObject({ reason: 'store_failure' });
  });
});

describe.each(FAILING_EXTRACTORS)('verifyXmppToken with an extractor that %s', (_, extract) => {
  it('rejects (never throws, never accepts)', async () => {
    const { verify, signed } = setup(undefined, extract);
    let returned: Promise<unknown> | undefined;
    expect(() => (returned = verify(signed()))).not.toThrow();
    await expect(returned).rejects.toMatchObject({ message: 'no body parser' });
  });
});
