// The demo web app: sign-in with in-memory users and sessions, a chat page running Converse.js,
// and the credentials route Converse.js calls for a fresh XMPP token.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import session from 'express-session';
import { xmppCredentials } from '@xmpp-token/express';
import { attachFakeXmppServer } from './fake-xmpp-server.js';
import { chatPage, signInPage } from './pages.js';

const require = createRequire(import.meta.url);
const SESSION_COOKIE = 'demo.sid';
const SESSION_COOKIE_OPTIONS = { httpOnly: true, sameSite: 'lax', path: '/' };

/**
 * Builds the demo. `users` maps user names to passwords; `websocketUrl` is the XMPP server's
 * WebSocket endpoint, or undefined to serve a built-in test endpoint on `/xmpp-websocket`.
 */
export function createDemo({ xmppToken, users, websocketUrl, onAuth }) {
  const checkPassword = passwordChecker(users);
  const app = express();
  app.disable('x-powered-by');
  app.use('/converse', express.static(converseDist()));
  app.use('/xmpp-token', express.static(clientDist()));
  app.use('/static', express.static(fileURLToPath(new URL('./public', import.meta.url))));
  app.use(
    session({
      name: SESSION_COOKIE,
      secret: randomBytes(32).toString('base64'),
      resave: false,
      saveUninitialized: false,
      cookie: SESSION_COOKIE_OPTIONS,
    }),
  );
  app.use(express.urlencoded({ extended: false }));

  const firstUser = Object.keys(users)[0];
  app.get('/', (req, res) => {
    if (req.session.user) res.redirect(303, '/chat');
    else res.send(signInPage({ hint: firstUser }));
  });
  app.post('/login', (req, res, next) => {
    const { username = '', password = '' } = req.body ?? {};
    if (!checkPassword(username, password)) {
      res.status(401).send(signInPage({ error: 'Wrong user or password.', hint: username }));
      return;
    }
    // A new session id at sign-in, against session fixation.
    req.session.regenerate((error) => {
      if (error) return next(error);
      req.session.user = { username };
      res.redirect(303, '/chat');
    });
  });
  // The page ends the XMPP session before it posts here (public/chat.js); tabs that miss it stop
  // at their next credentials request, which now answers 401.
  app.post('/logout', (req, res, next) => {
    req.session.destroy((error) => {
      if (error) return next(error);
      res.clearCookie(SESSION_COOKIE, SESSION_COOKIE_OPTIONS);
      res.redirect(303, '/');
    });
  });
  app.get('/chat', (req, res) => {
    if (!req.session.user) return res.redirect(303, '/');
    res.send(
      chatPage({
        username: req.session.user.username,
        config: { websocketUrl: websocketUrl ?? null },
      }),
    );
  });
  // Reads req.session.user ({ username }) and answers { jid, password } with a fresh token.
  app.get('/xmpp/credentials', xmppCredentials({ xmppToken }));

  const server = createServer(app);
  const fake = websocketUrl ? undefined : attachFakeXmppServer(server, { xmppToken, onAuth });
  return {
    server,
    async close() {
      await fake?.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function passwordChecker(users) {
  const salt = randomBytes(16);
  const hash = (password) => scryptSync(String(password), salt, 32);
  const hashes = new Map(Object.entries(users).map(([name, password]) => [name, hash(password)]));
  const unknownUser = hash(randomBytes(16));
  return (username, password) => {
    // Hash even for unknown users, so timing does not tell which names exist.
    const expected = hashes.get(String(username)) ?? unknownUser;
    return timingSafeEqual(hash(password), expected) && hashes.has(String(username));
  };
}

function converseDist() {
  return dirname(require.resolve('converse.js/dist/converse.min.js'));
}

function clientDist() {
  const dist = join(dirname(require.resolve('@xmpp-token/client/package.json')), 'dist');
  if (!existsSync(join(dist, 'index.js'))) {
    throw new Error('@xmpp-token/client is not built: run `pnpm build` (or `pnpm start`) first');
  }
  return dist;
}
