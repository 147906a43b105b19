import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startChatSite, type ChatPageGlobals, type ChatSite } from './helpers/chat-site.js';
import {
  fetchInPage,
  signedIn as openSignedIn,
  startConverse,
  startCredentialsApp,
  type CredentialsApp,
} from './helpers/credentials-app.js';
import { hasChromium, launchChromium } from './helpers/playwright.js';
import { routeXmppSockets } from './helpers/sockets.js';

// A chat page on one origin, the app (session cookie, credentials route) on another: what
// Converse.js and the fetcher need, and what the app must answer (README "Chat page on another
// origin"). 127.0.0.1 with two ports is the same site (like chat.example.com and
// app.example.com); localhost and 127.0.0.1 are two sites.
const available = hasChromium();
// Converse retries a failing credentials_url every 2 s: watching longer than that shows a stop.
const WATCH_MS = 6_000;

describe.skipIf(!available)('a chat page on another origin than the app (Chromium)', () => {
  let browser: Browser;
  let chat: ChatSite;
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  beforeAll(async () => {
    chat = await startChatSite();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await chat?.close();
  });

  const signedIn = (app: CredentialsApp, chatOrigin: string) =>
    openSignedIn(browser, app, chat, chatOrigin);

  describe('same site (127.0.0.1, two ports): a SameSite=Lax session cookie', () => {
    let app: CredentialsApp;
    let chatOrigin: string;
    beforeAll(async () => {
      chatOrigin = `http://127.0.0.1:${chat.port}`;
      app = await startCredentialsApp(chatOrigin, { sameSite: 'lax' });
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
      const app = await startCredentialsApp(chatOrigin, { sameSite: 'none', secure: true });
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
