// A runnable Koa app using @xmpp-token/koa: sign in (koa-session), hand Converse.js its
// credentials, and protect an API with X-TOKEN. It imports the packages by name, as your app
// would. Build first (`pnpm build`), then:
//   XMPP_TOKEN_SECRET=... XMPP_OTP_SEED=... XMPP_DOMAIN=example.com node examples/koa/server.mjs
// (the same variables as the `xmpp-token` CLI, whose `keygen` makes a pair for Prosody).
import Router from '@koa/router';
import { createXmppToken, formatAuthorizationHeader, generateKeys } from '@xmpp-token/core';
import {
  TOKEN_RESPONSE_HEADERS,
  issueXmppToken,
  verifyXmppToken,
  xmppCredentials,
} from '@xmpp-token/koa';
import Koa from 'koa';
import { createSession } from 'koa-session';

// What the chat page runs (Converse.js 14, Strophe.js 5 inside): X-TOKEN is a mechanism class
// built on Converse's own Strophe, not a name, which Strophe 5 would try to construct.
const CONVERSE_SNIPPET = `import { createStropheXToken } from '@xmpp-token/client';

converse.initialize({
  authentication: 'login',
  auto_login: true,
  credentials_url: '/xmpp/credentials', // GET -> { jid, password }, refetched after a failure
  connection_options: { mechanisms: [createStropheXToken(converse.env.Strophe)] },
});`;

const { XMPP_TOKEN_SECRET, XMPP_OTP_SEED, XMPP_DOMAIN = 'localhost' } = process.env;
let keys = { tokenSecret: XMPP_TOKEN_SECRET, otpSeed: XMPP_OTP_SEED };
if (!XMPP_TOKEN_SECRET || !XMPP_OTP_SEED) {
  console.warn(
    'XMPP_TOKEN_SECRET/XMPP_OTP_SEED unset: throwaway keys, no Prosody will accept them.',
  );
  keys = generateKeys();
}
const xmppToken = createXmppToken({ ...keys, domain: XMPP_DOMAIN });
const port = Number(process.env.PORT ?? 3000);

const app = new Koa();
app.keys = [process.env.SESSION_KEY ?? 'change-me: session signing key'];
const router = new Router();

// A stand-in sign-in: any name is accepted. A real app checks a password first.
router.get('/login', (ctx) => {
  ctx.session = { user: String(ctx.query.user ?? 'alice') };
  ctx.redirect('/');
});
router.get('/logout', (ctx) => {
  ctx.session = null;
  ctx.redirect('/');
});

// The page reads ctx.state.xmppToken only when someone is signed in: only then is a token minted.
router.get('/', (ctx) => {
  const minted = ctx.state.xmppToken;
  ctx.set(TOKEN_RESPONSE_HEADERS);
  ctx.body = minted
    ? {
        signedInAs: minted.jid,
        tryIt: `curl -H 'Authorization: ${formatAuthorizationHeader({ authcid: minted.jid, token: minted.token })}' ${ctx.origin}/api/me`,
        converse: CONVERSE_SNIPPET.split('\n'),
      }
    : { signedIn: false, signIn: '/login?user=alice' };
});

// Converse.js `credentials_url`: a fresh token per fetch, never cached.
router.get('/xmpp/credentials', xmppCredentials({ xmppToken }));

// An API for XMPP clients: each request carries a token, accepted once.
router.get('/api/me', verifyXmppToken({ xmppToken, debug: true }), (ctx) => {
  ctx.body = { jid: ctx.state.xmpp?.jid, tokenExpiresAt: ctx.state.xmpp?.expiresAt };
});

app.use(createSession({ sameSite: 'lax' }, app)).use(issueXmppToken({ xmppToken }));
app.use(router.routes()).use(router.allowedMethods());

const server = app.listen(port, () => {
  const { port: listening } = server.address();
  console.log(`Koa example on http://localhost:${listening}/login?user=alice`);
});
