import { verifyXmppToken } from '@xmpp-token/koa';
import type { Context } from 'koa';
import request from 'supertest';
import { describe } from 'vitest';
import { describeOnRejected } from '../../core/test/support/rejection-suite.js';
import { KOA_VERSIONS } from './fixtures.js';

describe.each(KOA_VERSIONS)('$name', ({ name, Koa }) => {
  describeOnRejected(`verifyXmppToken (${name})`, {
    optionalCredentials: true,
    async serve(options, authorization) {
      let context: Context | undefined;
      const app = new Koa();
      app.silent = true;
      app
        .use((ctx, next) => {
          context = ctx;
          return next();
        })
        .use(verifyXmppToken(options))
        .use((ctx) => {
          ctx.body = {};
        });
      const call = request(app.callback()).get('/');
      const { status } = await (authorization === undefined
        ? call
        : call.set('Authorization', authorization));
      return { status, context };
    },
  });
});
