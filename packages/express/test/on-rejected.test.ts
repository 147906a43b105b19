import { verifyXmppToken } from '@xmpp-token/express';
import type { Request } from 'express';
import request from 'supertest';
import { describe } from 'vitest';
import { describeOnRejected } from '../../core/test/support/rejection-suite.js';
import { EXPRESS_VERSIONS, recordErrors } from './fixtures.js';

describe.each(EXPRESS_VERSIONS)('$name', ({ name, express }) => {
  describeOnRejected(`verifyXmppToken (${name})`, {
    optionalCredentials: true,
    async serve(options, authorization) {
      let context: Request | undefined;
      const app = express();
      app.use((req, _res, next) => {
        context = req;
        next();
      });
      app.get('/', verifyXmppToken(options), (_req, res) => {
        res.json({});
      });
      // The store failure's next(err), answered quietly.
      app.use(recordErrors((err, res) => res.status(err.status ?? 500).end()).handler);
      const call = request(app).get('/');
      const { status } = await (authorization === undefined
        ? call
        : call.set('Authorization', authorization));
      return { status, context };
    },
  });
});
