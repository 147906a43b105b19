import { verifyXmppToken } from '@xmpp-token/fetch';
import { describeOnRejected } from '../../core/test/support/rejection-suite.js';

describeOnRejected('verifyXmppToken (fetch)', {
  optionalCredentials: true,
  async serve(options, authorization) {
    const headers = authorization === undefined ? {} : { authorization };
    const context = new Request('http://app.test/', { headers });
    const verification = await verifyXmppToken(options)(context);
    return { status: verification.ok ? 200 : verification.response.status, context };
  },
});
