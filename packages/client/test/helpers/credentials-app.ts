import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import cors from 'cors';
import express from 'express';
import session, { type CookieOptions } from 'express-session';
import { createXmppToken, generateKeys } from '@xmpp-token/core';
import { xmppCredentials } from '@xmpp-token/express';
import type { SignedOutReason } from '@xmpp-token/client';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import type { ChatPageGlobals, ChatSite } from './chat-site.js';
import { startFakeEndpoint } from './fake-endpoint.js';

/**
 * A web app on 127.0.0.1: `GET /sign-in` signs alice in (express-session, `cookie` options as
 * given); its credentials route allows `chatOrigin` by CORS with credentials. With the demo's
 * built-in XMPP endpoint beside it.
 */
export async function startCredentialsApp(chatOrigin: string, cookie: CookieOptions) {
  const xmppToken = createXmppToken({ ...generateKeys(), domain: 'localhost' });
  const app = express();
  // The app behind its TLS proxy (a `secure` cookie needs it): what the proxy would tell it.
  app.set('trust proxy', 'loopback');
  app.use((req, _res, next) => {
    req.headers['x-forwarded-proto'] = 'https';
    next();
  });
  app.use(
    session({
      secret: randomBytes(32).toString('base64'),
      resave: false,
      saveUninitialized: false,
      cookie: { httpOnly: true, ...cookie },
    }),
  );
  app.get('/sign-in', (req, res) => {
    // What xmppCredentials reads (req.session.user), as the demo's sign-in sets it.
    Object.assign(req.session, { user: { username: 'alice' } });
    res.send('signed in');
  });
  // What reached the route: from which origin, with the session cookie or without.
  const seen: { origin: string | undefined; cookie: boolean }[] = [];
  app.use('/xmpp/credentials', (req, _res, next) => {
    seen.push({
      origin: req.headers.origin,
      cookie: /connect\.sid=/.test(req.headers.cookie ?? ''),
    });
    next();
  });
  app.use('/xmpp/credentials', cors({ origin: chatOrigin, credentials: true }));
  app.get('/xmpp/credentials', xmppCredentials({ xmppToken }));
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const endpoint = await startFakeEndpoint(xmppToken);
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    endpoint,
    seen,
    async close() {
      await endpoint.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export type CredentialsApp = Awaited<ReturnType<typeof startCredentialsApp>>;

/** Converse in the page, as the README shows it, with or without registerConverseLogout. */
export function startConverse(
  page: Page,
  config: {
    credentialsUrl: string;
    websocketUrl: string;
    plugin?: { credentials?: 'same-origin' | 'include' };
  },
): Promise<void> {
  return page.evaluate((config) => {
    const { client, converse, log } = globalThis as unknown as ChatPageGlobals;
    const logout =
      config.plugin &&
      client.registerConverseLogout(converse, {
        ...config.plugin,
        onSignedOut: (reason: SignedOutReason) => log.push(`signed out: ${reason}`),
      });
    Object.assign(globalThis, { converseLogout: logout });
    void converse.initialize({
      authentication: 'login',
      auto_login: true,
      auto_reconnect: true,
      credentials_url: config.credentialsUrl,
      websocket_url: config.websocketUrl,
      discover_connection_methods: false,
      connection_options: { mechanisms: [client.createStropheXToken(converse.env.Strophe)] },
      whitelisted_plugins: logout ? [logout.plugin] : [],
      assets_path: '/converse/',
      loglevel: 'fatal',
    });
  }, config);
}

/** The fetcher in the page: `jid`, or the error's `status`. */
export function fetchInPage(
  page: Page,
  url: string,
  credentials?: 'include',
): Promise<string | number> {
  return page.evaluate(
    async ({ url, credentials }) => {
      const { client } = globalThis as unknown as ChatPageGlobals;
      const options = credentials === undefined ? { url } : { url, credentials };
      return client
        .createCredentialsFetcher(options)()
        .then(({ jid }) => jid)
        .catch((error: { status?: number }) => error.status ?? 0);
    },
    { url, credentials },
  );
}

/**
 * A new browser context signed in to `app` (its sign-in page visited), on the chat page at
 * `chatOrigin`; with its requests to the credentials route and their statuses.
 */
export async function signedIn(
  browser: Browser,
  app: CredentialsApp,
  chat: ChatSite,
  chatOrigin: string,
) {
  const context: BrowserContext = await browser.newContext();
  const page = await context.newPage();
  const requests: Request[] = [];
  page.on('request', (r) => {
    if (r.url().startsWith(`${app.origin}/xmpp/credentials`)) requests.push(r);
  });
  await page.goto(`${app.origin}/sign-in`);
  app.seen.length = 0;
  await chat.open(page, chatOrigin);
  const statuses = async () =>
    Promise.all(requests.map(async (r) => (await r.response())?.status() ?? 0));
  return { context, page, requests, statuses };
}
