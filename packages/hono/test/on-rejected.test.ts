import { verifyXmppToken } from '@xmpp-token/hono';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describeOnRejected } from '../../core/test/support/rejection-suite.js';

describeOnRejected('verifyXmppToken (Hono)', {
  optionalCredentials: true,
  async serve(options, authorization) {
    let context: Context | undefined;
    const app = new Hono();
    app.use(async (c, next) => {
      context = c;
      await next();
    });
    app.get('/', verifyXmppToken(options), (c) => c.json({}));
    // The store failure, answered quietly (Hono's default onError logs it).
    app.onError((error, c) =>
      error instanceof HTTPException ? error.getResponse() : c.body(null, 500),
    );
    const headers = authorization === undefined ? {} : { authorization };
    const { status } = await app.request('/', { headers });
    return { status, context };
  },
});
