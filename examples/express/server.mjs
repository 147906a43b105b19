// A runnable Express app with a chat: sign in as a demo user, see the token minted for you and the
// Converse.js snippet, and call an API route protected by the verifier with that token. It imports
// the packages by name, as your app would: copy it, `npm install @xmpp-token/core
// @xmpp-token/express express express-session`, and run it.
//
//   pnpm build && node examples/express/server.mjs     then open http://localhost:3000
//
// Environment: XMPP_TOKEN_SECRET and XMPP_OTP_SEED (Prosody's token_secret and otp_seed; without
// them the app generates throwaway keys that no Prosody knows), XMPP_DOMAIN (default "localhost"),
// XMPP_WEBSOCKET_URL (for the snippet), PORT (default 3000), SESSION_SECRET.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createXmppToken, generateKeys } from '@xmpp-token/core';
import {
  TOKEN_RESPONSE_HEADERS,
  issueXmppToken,
  verifyXmppToken,
  xmppCredentials,
} from '@xmpp-token/express';
import express from 'express';
import session from 'express-session';

const env = process.env;
const DOMAIN = env.XMPP_DOMAIN ?? 'localhost';
const WEBSOCKET_URL = env.XMPP_WEBSOCKET_URL ?? `ws://${DOMAIN}:5280/xmpp-websocket`;
const DEMO_USERS = new Map([
  ['alice', 'wonderland'],
  ['bob', 'builder'],
]);

let keys = { tokenSecret: env.XMPP_TOKEN_SECRET, otpSeed: env.XMPP_OTP_SEED };
if (!keys.tokenSecret || !keys.otpSeed) {
  keys = generateKeys();
  console.warn(
    'XMPP_TOKEN_SECRET/XMPP_OTP_SEED not set: using throwaway keys (no Prosody will accept these tokens).',
  );
}
const xmppToken = createXmppToken({ ...keys, domain: DOMAIN });

const app = express();
app.use(express.urlencoded({ extended: false }));
app.use(
  session({
    secret: env.SESSION_SECRET ?? randomBytes(32).toString('hex'),
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax' },
  }),
);
// Every request of a signed-in user gets req.xmppToken, minted only if a route reads it.
app.use(issueXmppToken({ xmppToken })); // identity: req.user ?? req.session.user

app.get('/', (req, res) => {
  const minted = req.xmppToken; // reading it mints; anonymous visitors get undefined
  if (minted) res.set(TOKEN_RESPONSE_HEADERS); // a page holding a token must not be cached
  res.type('html').send(minted ? chatPage(minted) : loginPage());
});

app.post('/login', (req, res, next) => {
  const { username = '', password = '' } = req.body ?? {};
  if (!passwordMatches(DEMO_USERS.get(username), password))
    return res.status(401).type('html').send(loginPage(true));
  req.session.regenerate((err) => {
    if (err) return next(err);
    req.session.user = username;
    res.redirect(303, '/');
  });
});

app.post('/logout', (req, res, next) => {
  req.session.destroy((err) => (err ? next(err) : res.redirect(303, '/')));
});

// Converse.js `credentials_url`: same origin, so no CORS header is needed (or sent).
app.get('/xmpp/credentials', xmppCredentials({ xmppToken }));

// An API that trusts X-TOKENs, e.g. for a bot or a service that already holds one.
app.get('/api/me', verifyXmppToken({ xmppToken, debug: true }), (req, res) => {
  res.json({ jid: req.xmpp.jid, tokenValidUntil: req.xmpp.expiresAt });
});

const server = app.listen(Number(env.PORT ?? 3000), () => {
  console.log(
    `Express + xmpp-token demo on http://localhost:${server.address().port} (XMPP domain ${DOMAIN})`,
  );
});

function passwordMatches(expected, given) {
  if (expected === undefined || typeof given !== 'string') return false;
  const [a, b] = [Buffer.from(expected), Buffer.from(given)];
  return a.length === b.length && timingSafeEqual(a, b);
}

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function layout(body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>xmpp-token Express demo</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem}
pre{background:#f4f4f4;padding:.75rem;overflow-x:auto}code{word-break:break-all}</style></head>
<body><h1>xmpp-token + Express</h1>${body}</body></html>`;
}

function loginPage(failed = false) {
  return layout(`${failed ? '<p role="alert">Wrong user name or password.</p>' : ''}
<form method="post" action="/login">
  <label>User <input name="username" value="alice" autocomplete="username"></label>
  <label>Password <input name="password" type="password" value="wonderland" autocomplete="current-password"></label>
  <button>Sign in</button>
</form>
<p>Demo users: <code>alice</code> / <code>wonderland</code>, <code>bob</code> / <code>builder</code>.</p>`);
}

function chatPage(minted) {
  const snippet = `import { createStropheXToken } from '@xmpp-token/client';

converse.initialize({
  websocket_url: '${WEBSOCKET_URL}',
  authentication: 'login',
  auto_login: true,
  credentials_url: '/xmpp/credentials', // GET -> { jid, password }, refetched after a failure
  connection_options: { mechanisms: [createStropheXToken(converse.env.Strophe)] },
});`;
  return layout(`<p>Signed in as <strong>${escape(minted.jid)}</strong>.
<form method="post" action="/logout" style="display:inline"><button>Sign out</button></form></p>
<h2>The token minted for this page</h2>
<p>Valid until ${escape(minted.expiresAt.toISOString())}; Prosody accepts it once, as the password of
<code>${escape(minted.jid)}</code> with SASL X-TOKEN.</p>
<pre><code>${escape(minted.token)}</code></pre>
<h2>Converse.js</h2>
<pre><code>${escape(snippet)}</code></pre>
<h2>An API protected by <code>verifyXmppToken</code></h2>
<p><button id="call">Fetch credentials, call /api/me twice with the same token</button></p>
<pre id="out">-</pre>
<script type="module">
const base64 = (text) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));
document.getElementById('call').onclick = async () => {
  const { jid, password } = await (await fetch('/xmpp/credentials')).json();
  const authorization = 'X-TOKEN ' + base64('\\0' + jid + '\\0' + password);
  const calls = [];
  for (let i = 0; i < 2; i++) {
    const res = await fetch('/api/me', { headers: { authorization } });
    calls.push(res.status + ' ' + (await res.text()));
  }
  document.getElementById('out').textContent = calls.join('\\n');
};
</script>`);
}
