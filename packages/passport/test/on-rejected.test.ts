import { XmppTokenStrategy } from '@xmpp-token/passport';
import type { ErrorRequestHandler, Request } from 'express';
import request from 'supertest';
import { describeOnRejected } from '../../core/test/support/rejection-suite.js';
import { appWith, createPassport } from './support.js';

describeOnRejected('XmppTokenStrategy', {
  // The strategy always requires a token: an optional one is Passport's chain of strategies.
  optionalCredentials: false,
  async serve({ xmppToken, onRejected }, authorization) {
    let context: Request | undefined;
    const passport = createPassport();
    passport.use(
      new XmppTokenStrategy({ xmppToken, onRejected }, (jid, done) => done(null, { jid })),
    );
    const app = appWith(
      (req, _res, next) => {
        context = req;
        next();
      },
      passport.authenticate('xmpp-token', { session: false }),
    );
    // Express tells error handlers apart by their arity, so `next` must be declared.
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const answer: ErrorRequestHandler = (_err, _req, res, _next) => {
      res.status(500).end();
    };
    app.use(answer);
    const call = request(app).get('/me');
    const { status } = await (authorization === undefined
      ? call
      : call.set('Authorization', authorization));
    return { status, context };
  },
});
