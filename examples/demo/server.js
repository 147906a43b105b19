// `pnpm start`: the demo with embedded defaults. Environment (all optional):
//   PORT (3000), HOST (127.0.0.1), XMPP_DOMAIN (localhost), XMPP_TOKEN_SECRET + XMPP_OTP_SEED
//   (unset: generated), DEMO_PASSWORD (generated), XMPP_WEBSOCKET_URL (unset: the demo starts a
//   private Prosody with mod_auth_xmpp_token if `prosody` is installed, else a built-in test
//   endpoint), DEMO_XMPP_SERVER=builtin (the test endpoint even when Prosody is installed).
import { randomBytes } from 'node:crypto';
import { createXmppToken, generateKeys, prosodyConfig } from '@xmpp-token/core';
import { prosodyModuleDirectory } from '@xmpp-token/prosody';
import { findProsody, startProsody } from '@xmpp-token/prosody/test-server';
import { createDemo } from './app.js';

const env = process.env;
const domain = env.XMPP_DOMAIN || 'localhost';
const keys = configuredKeys() ?? generateKeys();
const xmppToken = createXmppToken({ ...keys, domain });
const password = env.DEMO_PASSWORD || randomBytes(9).toString('base64url');
const prosody = await startOwnProsody();
const websocketUrl = env.XMPP_WEBSOCKET_URL || prosody?.websocketUrl;

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
    console.log(`Generated keys (shown once). For your Prosody, VirtualHost "${domain}":\n`);
    console.log(prosodyConfig(keys, { pluginPath: prosodyModuleDirectory }));
    console.log('Restart with XMPP_TOKEN_SECRET and XMPP_OTP_SEED set to keep these keys.\n');
  }
  console.log(`XMPP server: ${describeServer()}`);
  if (prosody) console.log(`Prosody log: ${prosody.logFile}`);
  console.log(`Demo user:   alice / ${password}`);
  console.log(`Open         http://localhost:${demo.server.address().port}/`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await demo.close();
    await prosody?.stop();
    process.exit(0);
  });
}

/** A private Prosody on loopback when none is configured and `prosody` is installed. */
async function startOwnProsody() {
  if (env.XMPP_WEBSOCKET_URL || env.DEMO_XMPP_SERVER === 'builtin' || !findProsody()) return;
  // ws:// on loopback, as a TLS proxy would hand it over: Prosody must be told it is secure.
  return startProsody({ ...keys, domain: domain.toLowerCase(), considerWebsocketSecure: true });
}

function describeServer() {
  if (env.XMPP_WEBSOCKET_URL) return env.XMPP_WEBSOCKET_URL;
  if (prosody) return `Prosody with mod_auth_xmpp_token, started by the demo: ${websocketUrl}`;
  const why = env.DEMO_XMPP_SERVER === 'builtin' ? 'DEMO_XMPP_SERVER=builtin' : 'Prosody not found';
  return `built-in test endpoint (${why}; apt-get install prosody, or set XMPP_WEBSOCKET_URL)`;
}

function configuredKeys() {
  const { XMPP_TOKEN_SECRET: tokenSecret, XMPP_OTP_SEED: otpSeed } = env;
  if (!tokenSecret && !otpSeed) return undefined;
  if (!tokenSecret || !otpSeed)
    throw new Error('set both XMPP_TOKEN_SECRET and XMPP_OTP_SEED, or neither');
  return { tokenSecret, otpSeed };
}
