import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createXmppToken, generateKeys } from '@xmpp-token/core';
import { createDemo } from '../../../examples/demo/app.js';
import type { FakeXmppAuth } from '../../../examples/demo/fake-xmpp-server.js';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { hasChromium, launchChromium } from './helpers/playwright.js';
import { routeXmppSockets, type RoutedSocket } from './helpers/sockets.js';

// The demo's logout (examples/demo/public/chat.js: registerConverseLogout and
// endXmppSessionOnLogout) in Debian's Chromium, against the demo's built-in XMPP endpoint.
const available = hasChromium();
const clientDir = fileURLToPath(new URL('../', import.meta.url));
// Converse retries a failing credentials_url every 2 s: watching longer than that shows a stop.
const WATCH_MS = 6_000;

/** A tab of the demo: its XMPP sockets and its requests to the credentials route. */
interface Tab {
  readonly page: Page;
  readonly sockets: RoutedSocket[];
  readonly credentials: Response[];
  /** What happened, in order: `sent <frame>`, `closed`, `POST /logout`. */
  readonly events: string[];
}

describe.skipIf(!available)('signing out of the demo ends the chat (Chromium)', () => {
  const password = 'correct horse battery staple';
  const auths: FakeXmppAuth[] = [];
  let demo: ReturnType<typeof createDemo>;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    // The page imports the client's browser build; `pnpm test` builds it, a lone vitest may not.
    if (!existsSync(`${clientDir}dist/index.js`)) execFileSync('npx', ['tsup'], { cwd: clientDir });
    const xmppToken = createXmppToken({ ...generateKeys(), domain: 'localhost' });
    demo = createDemo({ xmppToken, users: { alice: password }, onAuth: (a) => auths.push(a) });
    await new Promise<void>((resolve) => demo.server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(demo.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  async function openTab(context: BrowserContext): Promise<Tab> {
    const page = await context.newPage();
    const events: string[] = [];
    const credentials: Response[] = [];
    const sockets = await routeXmppSockets(page, (event) => events.push(event));
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url() === `${base}/logout`)
        events.push('POST /logout');
    });
    page.on('response', (response) => {
      if (response.url() === `${base}/xmpp/credentials`) credentials.push(response);
    });
    return { page, sockets, credentials, events };
  }

  async function signIn(tab: Tab): Promise<void> {
    await tab.page.goto(`${base}/`);
    await tab.page.fill('input[name=username]', 'alice');
    await tab.page.fill('input[name=password]', password);
    await tab.page.click('button[type=submit]');
    await tab.page.waitForURL(`${base}/chat`);
    await waitOnline(tab);
  }

  /** Converse sends its initial presence once the X-TOKEN login and the resource binding went through. */
  async function waitOnline(tab: Tab, sockets = 1): Promise<void> {
    const online = () =>
      tab.sockets.filter((s) => !s.closed && s.sent.some((f) => f.startsWith('<presence'))).length;
    await expect.poll(online, { timeout: 30_000 }).toBe(1);
    expect(tab.sockets).toHaveLength(sockets);
  }

  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('Sign out ends the XMPP session first, in every tab, and then nothing fetches credentials', async () => {
    const context = await browser.newContext();
    try {
      const first = await openTab(context);
      await signIn(first);
      const second = await openTab(context);
      await second.page.goto(`${base}/chat`);
      await waitOnline(second);
      const authsBefore = auths.length;

      await first.page.click('form[name=logout] button[type=submit]');
      await first.page.waitForURL(`${base}/`);

      // This tab: unavailable presence and </close> went out, and the socket closed, before the
      // form posted: the XMPP session ended before the web session did.
      const order = first.events.map((e) => e.replace(/^(sent <[\w:]+).*/s, '$1'));
      const posted = order.indexOf('POST /logout');
      expect(posted).toBeGreaterThan(0);
      expect(order.slice(0, posted)).toEqual(
        expect.arrayContaining(['sent <presence', 'sent <close', 'closed']),
      );
      expect(order.lastIndexOf('sent <close')).toBeLessThan(order.indexOf('closed'));
      expect(
        first.sockets.at(-1)?.sent.some((f) => /<presence [^>]*type=["']unavailable/.test(f)),
      ).toBe(true);

      // The other tab heard it and ended its own session too, and says so.
      await expect
        .poll(() => second.sockets.every((s) => s.closed), { timeout: 10_000 })
        .toBe(true);
      expect(second.sockets.at(-1)?.sent.some((f) => f.startsWith('<close'))).toBe(true);
      await second.page.waitForSelector('#signed-out:not([hidden])', { timeout: 10_000 });

      // Nothing afterwards: no credentials request, no new socket, no login, in either tab.
      const requests = first.credentials.length + second.credentials.length;
      await wait(WATCH_MS);
      expect(first.credentials.length + second.credentials.length).toBe(requests);
      expect(second.sockets).toHaveLength(1);
      expect(auths.length).toBe(authsBefore);
      // And the web session is over: the route answers 401 now.
      expect((await context.request.get(`${base}/xmpp/credentials`)).status()).toBe(401);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('a session that ended elsewhere: the next credentials request (401) stops Converse', async () => {
    const context = await browser.newContext();
    try {
      const tab = await openTab(context);
      await signIn(tab);
      expect(tab.credentials.map((r) => r.status())).toEqual([200]);

      // The session cookie expires (or another tab without the chat signed out), then the
      // connection drops: Converse reconnects, and asks for credentials.
      await context.clearCookies();
      await tab.sockets[0]?.drop();
      await expect.poll(() => tab.credentials.length, { timeout: 15_000 }).toBe(2);
      expect(tab.credentials[1]?.status()).toBe(401);
      await tab.page.waitForSelector('#signed-out:not([hidden])', { timeout: 10_000 });

      // Converse alone would ask again every 2 s, forever; now nothing more goes out.
      await wait(WATCH_MS);
      expect(tab.credentials).toHaveLength(2);
      expect(tab.sockets).toHaveLength(1);
    } finally {
      await context.close();
    }
  }, 60_000);
});
