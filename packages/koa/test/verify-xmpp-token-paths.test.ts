import type { ReplayStore } from '@xmpp-token/core';
import { verifyXmppToken, type CredentialsExtractor } from '@xmpp-token/koa';
import type { Context, Next } from 'koa';
import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';
import {
  FAILING_EXTRACTORS,
  FAILING_STORES,
  PATHS,
} from '../../core/test/support/adapter-matrix.js';
import { KOA_VERSIONS, authorization, makeXmppToken, testClock } from './fixtures.js';

// The middleware decides before calling `next`, synchronously when the extractor and the replay
// store are (the defaults), after a promise otherwise; both ways must behave the same.
describe.each(KOA_VERSIONS)('verifyXmppToken paths on $name', ({ Koa }) => {
  const clock = testClock();

  const setup = (replayStore?: ReplayStore, extract?: CredentialsExtractor<Context>) => {
    const xmppToken = makeXmppToken({ clock: clock.now, ...(replayStore && { replayStore }) });
    const middleware = verifyXmppToken({ xmppToken, debug: true, ...(extract && { extract }) });
    const app = new Koa();
    const errors: unknown[] = [];
    app.silent = true;
    app.on('error', (error: unknown) => errors.push(error));
    app.use(middleware).use((ctx) => {
      ctx.body = { jid: ctx.state.xmpp?.jid };
    });
    const signed = () => authorization('alice', xmppToken.mint('alice').token);
    return { middleware, server: app.callback(), errors, signed };
  };

  describe.each(PATHS)('$name', ({ synchronous, replayStore, extract }) => {
    it('accepts a token once, then refuses it as replayed', async () => {
      const { server, signed } = setup(replayStore?.(), extract);
      const value = signed();
      await request(server)
        .get('/')
        .set('Authorization', value)
        .expect(200, { jid: 'alice@example.com' });
      const replayed = await request(server).get('/').set('Authorization', value);
      expect(replayed.status).toBe(401);
      expect(replayed.text).toMatch(/\(replayed\)/);
    });

    it(`sets ctx.state.xmpp ${synchronous ? 'before returning' : 'once its promise settles'}`, async () => {
      const { middleware, signed } = setup(replayStore?.(), extract);
      const ctx = { method: 'GET', headers: { authorization: signed() }, state: {}, request: {} };
      const next = vi.fn<Next>(() => Promise.resolve());
      const returned = middleware(ctx as unknown as Context, next);
      expect(next).toHaveBeenCalledTimes(synchronous ? 1 : 0);
      await returned;
      expect(next).toHaveBeenCalledTimes(1);
      expect(ctx.state).toMatchObject({ xmpp: { jid: 'alice@example.com' } });
    });

    it.each(FAILING_STORES)('fails closed (500) when the store %s', async (_, remember) => {
      const { server, signed, errors } = setup({ remember }, extract);
      await request(server).get('/').set('Authorization', signed()).expect(500);
      expect(errors[0]).toMatchObject({ reason: 'store_failure', status: 500 });
    });
  });

  it('rejects, never throws, when refusing on the synchronous path', async () => {
    const { middleware } = setup();
    const req = { method: 'GET', url: '/', headers: {}, socket: {} };
    const ctx = new Koa().createContext(req as never, { getHeader() {}, setHeader() {} } as never);
    let returned: unknown;
    const call = () => (returned = middleware(ctx, () => Promise.resolve()));
    expect(call).not.toThrow();
    await expect(returned).rejects.toMatchObject({ status: 401 });
  });

  it.each(FAILING_EXTRACTORS)(
    'an extractor that %s is a 500, never an accept',
    async (_, extract) => {
      const { server, signed, errors } = setup(undefined, extract);
      await request(server).get('/').set('Authorization', signed()).expect(500);
      expect(errors[0]).toMatchObject({ message: 'no body parser' });
    },
  );
});
