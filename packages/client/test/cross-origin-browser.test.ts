import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import cors from 'cors';
import express from 'express';
import session, { type CookieOptions } from 'express-session';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createXmppToken, generateKeys } from '@xmpp-token/core';
import { xmppCredentials } from '@xmpp-token/express';
import type { SignedOutReason } from '@xmpp-token/client';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { startChatSite, type ChatPageGlobals, type ChatSite } from './helpers/chat-site.js';
import { startFakeEndpoint } from './helpers/fake-endpoint.js';
import { launchChromium } from './helpers/playwright.js';
import { routeXmppSockets } from './helpers/sockets.js';

// A chat page on one origin, the app (session cookie, credentials route) on another: what
// Converse.js and the fetcher need, and what the app must answer (README "Chat page on another
// origin"). 127.0.0.1 with two ports is the same site (like chat.example.com and
// app.example.com); localhost and 127.0.0.1 are two sites.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
// Converse retries a failing credentials_url every 2 s: watching longer than that shows a stop.
const WATCH_MS = 6_000;

if (!available && process.env.CI) {
  it('needs Chromium in CI', () => expect.fail(`${CHROMIUM} is missing: apt-get install chromium`));
}

/** The app: sign-in sets the session; the credentials route answers the one trusted origin. */
async function startApp(chatOrigin: string, cookie: CookieOptions) {
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
type App = Awaited<ReturnType<typeof startApp>>;

/** Converse in the page, as the README shows it, with or without registerConverseLogout. */
function startConverse(
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
function fetchInPage(page: Page, url: string, credentials?: 'include'): Promise<string | number> {
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

describe.skipIf(!available)('a chat page on another origin than the app (Chromium)', () => {
  let browser: Browser;
  let chat: ChatSite;
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  beforeAll(async () => {
    chat = await startChatSite();
    browser = await launchChromium(CHROMIUM);
  });
  afterAll(async () => {
    await browser?.close();
    await chat?.close();
  });

  /** A signed-in browser: the app's sign-in page visited, then the chat page opened. */
  async function signedIn(app: App, chatOrigin: string) {
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

  describe('same site (127.0.0.1, two ports): a SameSite=Lax session cookie', () => {
    let app: App;
    let chatOrigin: string;
    beforeAll(async () => {
      chatOrigin = `http://127.0.0.1:${chat.port}`;
      app = await startApp(chatOrigin, { sameSite: 'lax' });
    });
    afterAll(() => app?.close());

    it("credentials: 'include' sends it, and Converse.js signs in through CORS", async () => {
      const { context, page, requests, statuses } = await signedIn(app, chatOrigin);
      try {
        const sockets = await routeXmppSockets(page);
        const credentialsUrl = `${app.origin}/xmpp/credentials`;
        await startConverse(page, {
          credentialsUrl,
          websocketUrl: app.endpoint.url,
          plugin: { credentials: 'include' },
        });
        const online = () => sockets.some((s) => s.sent.some((f) => f.startsWith('<presence')));
        await expect.poll(online, { timeout: 30_000 }).toBe(true);
        expect(await statuses()).toEqual([200]);
        // A GET with Accept only is a "simple" request: no preflight to allow.
        expect(requests.map((r) => r.method())).toEqual(['GET']);
        expect(app.seen).toEqual([{ origin: chatOrigin, cookie: true }]);
        expect(app.endpoint.auths.map((a) => a.result)).toMatchObject([{ ok: true }]);
        // The fetcher (xmpp.js, Strophe.js) the same way.
        expect(await fetchInPage(page, credentialsUrl, 'include')).toBe('alice@localhost');
      } finally {
        await context.close();
      }
    }, 60_000);

    it('without it the request has no cookie: a 401, which stops Converse.js for good', async () => {
      const { context, page, statuses } = await signedIn(app, chatOrigin);
      try {
        const credentialsUrl = `${app.origin}/xmpp/credentials`;
        expect(await fetchInPage(page, credentialsUrl)).toBe(401);
        await startConverse(page, {
          credentialsUrl,
          websocketUrl: app.endpoint.url,
          plugin: {},
        });
        await expect.poll(statuses, { timeout: 15_000 }).toEqual([401, 401]);
        await wait(WATCH_MS);
        expect(await statuses()).toEqual([401, 401]); // the fetcher's, then Converse's one
        expect(await page.evaluate(() => (globalThis as unknown as ChatPageGlobals).log)).toEqual([
          'signed out: unauthorized',
        ]);
      } finally {
        await context.close();
      }
    }, 60_000);

    it('a page on an origin the app does not allow gets no token, though the cookie goes along', async () => {
      const other = await startChatSite();
      const { context, page } = await signedIn(app, `http://127.0.0.1:${other.port}`);
      try {
        // Same site, so the cookie goes along; CORS keeps the answer from the page.
        expect(await fetchInPage(page, `${app.origin}/xmpp/credentials`, 'include')).toBe(0);
        expect(app.seen).toEqual([{ origin: `http://127.0.0.1:${other.port}`, cookie: true }]);
      } finally {
        await context.close();
        await other.close();
      }
    });

    it('(why) Converse.js 14 alone retries that 401 every 2 s, without end', async () => {
      const { context, page, statuses } = await signedIn(app, chatOrigin);
      try {
        const credentialsUrl = `${app.origin}/xmpp/credentials`;
        await startConverse(page, { credentialsUrl, websocketUrl: app.endpoint.url });
        await wait(WATCH_MS);
        expect((await statuses()).length).toBeGreaterThanOrEqual(3);
        expect(new Set(await statuses())).toEqual(new Set([401]));
      } finally {
        await context.close();
      }
    }, 60_000);
  });

  describe('another site (localhost page, 127.0.0.1 app): a third-party cookie', () => {
    it('is not sent, even SameSite=None; Secure: a 401, and Converse.js stops', async () => {
      const chatOrigin = `http://localhost:${chat.port}`;
      const app = await startApp(chatOrigin, { sameSite: 'none', secure: true });
      const { context, page, statuses } = await signedIn(app, chatOrigin);
      try {
        // The browser holds the cookie (a Secure one is fine on loopback), but keeps it from
        // third parties: Chromium blocks third-party cookies, as Safari and Firefox do.
        expect(await context.cookies(app.origin)).toMatchObject([
          { sameSite: 'None', secure: true },
        ]);
        const credentialsUrl = `${app.origin}/xmpp/credentials`;
        expect(await fetchInPage(page, credentialsUrl, 'include')).toBe(401);
        expect(app.seen).toEqual([{ origin: chatOrigin, cookie: false }]);
        await startConverse(page, {
          credentialsUrl,
          websocketUrl: app.endpoint.url,
          plugin: { credentials: 'include' },
        });
        await expect.poll(statuses, { timeout: 15_000 }).toEqual([401, 401]);
        await wait(WATCH_MS);
        expect(await statuses()).toEqual([401, 401]);
        expect(app.endpoint.auths).toHaveLength(0);
      } finally {
        await context.close();
        await app.close();
      }
    }, 60_000);
  });
});
