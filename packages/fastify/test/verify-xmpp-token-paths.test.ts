import type { ReplayStore } from '@xmpp-token/core';
import { verifyXmppToken, type CredentialsExtractor } from '@xmpp-token/fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import {
  FAILING_EXTRACTORS,
  FAILING_STORES,
  FASTIFY_VERSIONS,
  NOW,
  PATHS,
  createTestToken,
  header,
  recordErrors,
} from './fixtures.js';

const setup = (replayStore?: ReplayStore, extract?: CredentialsExtractor<FastifyRequest>) => {
  const xmppToken = createTestToken({ clock: () => NOW, ...(replayStore && { replayStore }) });
  const hook = verifyXmppToken({ xmppToken, debug: true, ...(extract && { extract }) });
  return { hook, signed: () => header('alice', xmppToken.mint('alice').token) };
};

// The hook answers through `done` before returning when the extractor and the replay store are
// synchronous (the defaults), and through a promise otherwise; both ways must end the same.
describe.each(FASTIFY_VERSIONS)('verifying hook paths on $name', ({ fastify }) => {
  async function appWith(hook: ReturnType<typeof setup>['hook']) {
    const app = fastify();
    app.decorateRequest('xmpp', null);
    const errors = recordErrors(app);
    app.get('/api', { onRequest: hook }, async (request) => ({ jid: request.xmpp?.jid ?? null }));
    return { app, errors };
  }

  describe.each(PATHS)('$name', ({ replayStore, extract }) => {
    it('accepts a token once, then refuses it as replayed', async () => {
      const { hook, signed } = setup(replayStore?.(), extract);
      const { app } = await appWith(hook);
      const headers = { authorization: signed() };
      const accepted = await app.inject({ url: '/api', headers });
      expect(accepted.json()).toEqual({ jid: 'alice@example.test' });
      const replayed = await app.inject({ url: '/api', headers });
      expect(replayed.statusCode).toBe(401);
      expect(replayed.json()).toMatchObject({ message: expect.stringMatching(/\(replayed\)/) });
    });

    it.each(FAILING_STORES)('fails closed (500) when the store %s', async (_, remember) => {
      const { hook, signed } = setup({ remember }, extract);
      const { app, errors } = await appWith(hook);
      const response = await app.inject({ url: '/api', headers: { authorization: signed() } });
      expect(response.statusCode).toBe(500);
      expect(errors[0]).toMatchObject({ reason: 'store_failure' });
    });
  });

  it.each(FAILING_EXTRACTORS)(
    'an extractor that %s is a 500, never an accept',
    async (_, extract) => {
      const { hook, signed } = setup(undefined, extract);
      const { app, errors } = await appWith(hook);
      const response = await app.inject({ url: '/api', headers: { authorization: signed() } });
      expect(response.statusCode).toBe(500);
      expect(errors[0]).toMatchObject({ message: 'no body parser' });
    },
  );
});

describe.each(PATHS)('the hook called by hand, $name', ({ synchronous, replayStore, extract }) => {
  const reply = {} as FastifyReply;
  const requestWith = (authorization?: string) =>
    ({ method: 'GET', headers: authorization ? { authorization } : {} }) as FastifyRequest;

  it(`given done: calls it ${synchronous ? 'before returning' : 'never, and returns a promise'}`, async () => {
    const { hook, signed } = setup(replayStore?.(), extract);
    const request = requestWith(signed());
    const done = vi.fn();
    const returned = hook(request, reply, done);
    if (synchronous) {
      expect(returned).toBeUndefined();
      expect(done).toHaveBeenCalledWith(undefined);
    } else {
      expect(returned).toBeInstanceOf(Promise);
      await returned;
      expect(done).not.toHaveBeenCalled();
    }
    expect(request.xmpp).toMatchObject({ jid: 'alice@example.test' });
  });

  it('without done: a promise, resolved once request.xmpp is set, rejected on a refusal', async () => {
    const { hook, signed } = setup(replayStore?.(), extract);
    const request = requestWith(signed());
    await expect(hook(request, reply)).resolves.toBeUndefined();
    expect(request.xmpp).toMatchObject({ jid: 'alice@example.test' });
    await expect(hook(requestWith(), reply)).rejects.toMatchObject({
      statusCode: 401,
      reason: 'credentials_required',
    });
  });

  it('given done: passes a refusal to it, or rejects its promise', async () => {
    const { hook } = setup(replayStore?.(), extract);
    const done = vi.fn();
    const returned = hook(requestWith(), reply, done);
    // No credentials: the store is not asked, so only an async extractor makes it wait.
    if (extract === undefined) {
      expect(done).toHaveBeenCalledWith(expect.objectContaining({ statusCode: 401 }));
    } else {
      await expect(returned).rejects.toMatchObject({ statusCode: 401 });
      expect(done).not.toHaveBeenCalled();
    }
  });
});
