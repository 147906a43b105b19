import { verifyXmppToken } from '@xmpp-token/fastify';
import type { FastifyRequest } from 'fastify';
import { describe } from 'vitest';
import { describeOnRejected } from '../../core/test/support/rejection-suite.js';
import { FASTIFY_VERSIONS } from './fixtures.js';

describe.each(FASTIFY_VERSIONS)('$name', ({ name, fastify }) => {
  describeOnRejected(`verifyXmppToken (${name})`, {
    optionalCredentials: true,
    async serve(options, authorization) {
      let context: FastifyRequest | undefined;
      const app = fastify();
      app.addHook('onRequest', (request, _reply, done) => {
        context = request;
        done();
      });
      app.get('/', { onRequest: verifyXmppToken(options) }, async () => ({}));
      try {
        const headers = authorization === undefined ? {} : { authorization };
        const { statusCode } = await app.inject({ method: 'GET', url: '/', headers });
        return { status: statusCode, context };
      } finally {
        await app.close();
      }
    },
  });
});
