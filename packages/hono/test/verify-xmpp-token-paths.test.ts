import type { ReplayStore } from '@xmpp-token/core';
import { verifyXmppToken, type CredentialsExtractor } from '@xmpp-token/hono';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import {
  FAILING_EXTRACTORS,
  FAILING_STORES,
  NOW,
  PATHS,
  createTestToken,
  header,
  recordErrors,
} from './fixtures.js';

const setup = (replayStore?: ReplayStore, extract?: CredentialsExtractor<Request>) => {
  const xmppToken = createTestToken({ clock: () => NOW, ...(replayStore && { replayStore }) });
  const app = new Hono();
  const errors = recordErrors(app);
  app.get('/api', verifyXmppToken({ xmppToken, debug: true, ...(extract && { extract }) }), (c) =>
    c.json({ jid: c.get('xmpp').jid }),
  );
  const get = (authorization: string) => app.request('/api', { headers: { authorization } });
  return { get, errors, signed: () => header('alice', xmppToken.mint('alice').token) };
};

// Every way through (extractor and store each synchronous or not) verifies, refuses a replay and
// fails closed alike.
describe.each(PATHS)('verifyXmppToken on Hono, $name', ({ replayStore, extract }) => {
  it('accepts a token once, then refuses it as replayed', async () => {
    const { get, signed } = setup(replayStore?.(), extract);
    const value = signed();
    const accepted = await get(value);
    await expect(accepted.json()).resolves.toEqual({ jid: 'alice@example.test' });
    const replayed = await get(value);
    expect(replayed.status).toBe(401);
    await expect(replayed.json()).resolves.toMatchObject({ reason: 'replayed' });
  });

  it.each(FAILING_STORES)('fails closed (500) when the store %s', async (_, remember) => {
    const { get, signed, errors } = setup({ remember }, extract);
    expect((await get(signed())).status).toBe(500);
    expect(errors[0]).toMatchObject({ reason: 'store_failure' });
  });
});

describe.each(FAILING_EXTRACTORS)('verifyXmppToken on Hono, an extractor that %s', (_, extract) => {
  it('is a 500 through onError, never an accept', async () => {
    const { get, signed, errors } = setup(undefined, extract);
    expect((await get(signed())).status).toBe(500);
    expect(errors[0]).toMatchObject({ message: 'no body parser' });
  });
});
