// `pnpm start`: the demo with embedded defaults. Environment (all optional):
//   PORT (3000), HOST (127.0.0.1), XMPP_DOMAIN (localhost), XMPP_WEBSOCKET_URL (unset: a built-in
//   test endpoint), XMPP_TOKEN_SECRET + XMPP_OTP_SEED (unset: generated), DEMO_PASSWORD (generated).
import { randomBytes } from 'node:crypto';
import { createXmppToken, generateKeys, prosodyConfig } from '@xmpp-token/core';
import { createDemo } from './app.js';

const env = process.env;
const domain = env.XMPP_DOMAIN || 'localhost';
const keys = configuredKeys() ?? generateKeys();
const xmppToken = createXmppToken({ ...keys, domain });
const password = env.DEMO_PASSWORD || randomBytes(9).toString('base64url');
const websocketUrl = env.XMPP_WEBSOCKET_URL || undefined;

const demo = createDemo({
  xmppToken,
  users: { alice: password },
  websocketUrl,
  onAuth: ({ authcid, result }) =>
    console.log(`test endpoint: X-TOKEN for ${authcid}: ${result.ok ? 'accepted' : result.reason}`),
});

const port = Number(env.PORT || 3000);
demo.server.listen(port, env.HOST || '127.0.0.1', () => {
  if (!configuredKeys()) {
    console.log(`Generated keys (shown once). For Prosody, VirtualHost "${domain}":\n`);
    console.log(prosodyConfig(keys));
    console.log('Restart with XMPP_TOKEN_SECRET and XMPP_OTP_SEED set to keep these keys.\n');
  }
  console.log(
    `XMPP server: ${websocketUrl ?? 'built-in test endpoint (set XMPP_WEBSOCKET_URL for Prosody)'}`,
  );
  console.log(`Demo user:   alice / ${password}`);
  console.log(`Open         http://localhost:${demo.server.address().port}/`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => demo.close().then(() => process.exit(0)));
}

function configuredKeys() {
  const { XMPP_TOKEN_SECRET: tokenSecret, XMPP_OTP_SEED: otpSeed } = env;
  if (!tokenSecret && !otpSeed) return undefined;
  if (!tokenSecret || !otpSeed)
    throw new Error('set both XMPP_TOKEN_SECRET and XMPP_OTP_SEED, or neither');
  return { tokenSecret, otpSeed };
}
