import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isXmppTokenClientError, registerConverseLogout } from '@xmpp-token/client';
import type { Browser, Route, WebSocketRoute } from 'playwright-core';
import { startChatSite, type ChatPageGlobals, type ChatSite } from './helpers/chat-site.js';
import {
  signedIn,
  startConverse,
  startCredentialsApp,
  type CredentialsApp,
} from './helpers/credentials-app.js';
import { hasChromium, launchChromium } from './helpers/playwright.js';
import { routeXmppSockets } from './helpers/sockets.js';

// The plugin inside Converse.js 14 itself, in Chromium: here, endSession() while Converse is
// between steps; a 401, and the logout of the demo, in demo-browser-logout.test.ts,
// demo-browser-prosody.test.ts and cross-origin-browser.test.ts.
const available = hasChromium();

/** `converse.plugins` as Converse's own `add` fills it: name -> plugin object. */
function pluginRegistry() {
  const plugins = new Map<string, object>();
  return {
    plugins,
    converse: {
      plugins: {
        add(name: string, plugin: object) {
          if (plugins.has(name)) throw new TypeError(`plugin ${name} already registered`);
          plugins.set(name, plugin);
        },
      },
    },
  };
}

describe('registerConverseLogout', () => {
  it('adds one plugin, under the name it returns for whitelisted_plugins', () => {
    const { plugins, converse } = pluginRegistry();
    const converseLogout = registerConverseLogout(converse);
    expect(converseLogout.plugin).toBe('xmpp-token-logout');
    expect([...plugins.keys()]).toEqual([converseLogout.plugin]);
    expect(plugins.get(converseLogout.plugin)).toHaveProperty('initialize');
  });

  it('endSession() before Converse loaded the plugin: resolves, and reports the logout once', async () => {
    const reasons: string[] = [];
    const { converse } = pluginRegistry();
    const { endSession } = registerConverseLogout(converse, {
      onSignedOut: (reason) => reasons.push(reason),
    });
    await expect(endSession()).resolves.toBeUndefined();
    await endSession();
    expect(reasons).toEqual(['logout']);
  });

  it.each([
    ['no converse object', undefined, {}],
    ['a converse object without plugins', { initialize() {} }, {}],
    [
      "credentials other than 'same-origin' or 'include'",
      pluginRegistry().converse,
      { credentials: 'omit' },
    ],
  ])('throws ERR_XMPP_TOKEN_CONFIG for %s', (_case, converse, options) => {
    const error = (() => {
      try {
        registerConverseLogout(converse as never, options as never);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(isXmppTokenClientError(error, 'ERR_XMPP_TOKEN_CONFIG')).toBe(true);
  });
});

describe.skipIf(!available)(
  'registerConverseLogout in Converse.js: endSession() between steps',
  () => {
    let browser: Browser;
    let chat: ChatSite;
    let app: CredentialsApp;
    let chatOrigin: string;
    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    beforeAll(async () => {
      chat = await startChatSite();
      chatOrigin = `http://127.0.0.1:${chat.port}`;
      app = await startCredentialsApp(chatOrigin, { sameSite: 'lax' });
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      await app?.close();
      await chat?.close();
    });

    it('credentials that arrive after endSession() are not used', async () => {
      const { context, page, statuses } = await signedIn(browser, app, chat, chatOrigin);
      try {
        const sockets = await routeXmppSockets(page);
        const credentialsUrl = `${app.origin}/xmpp/credentials`;
        const held: Route[] = [];
        await page.route(credentialsUrl, (route) => void held.push(route));
        await startConverse(page, {
          credentialsUrl,
          websocketUrl: app.endpoint.url,
          plugin: { credentials: 'include' },
        });
        await expect.poll(() => held.length).toBe(1);
        await page.evaluate(() =>
          (globalThis as unknown as ChatPageGlobals).converseLogout?.endSession(),
        );
        await held[0]?.continue();
        await expect.poll(statuses).toEqual([200]);
        await wait(3_000); // Converse connects at once with credentials it is handed
        expect(sockets).toHaveLength(0);
        expect(app.endpoint.auths).toHaveLength(0);
      } finally {
        await context.close();
      }
    }, 30_000);

    it('a connection still being set up at endSession() is closed once it is up', async () => {
      const { context, page } = await signedIn(browser, app, chat, chatOrigin);
      try {
        // The server's frames wait here until the test lets them through.
        const sent: string[] = [];
        const held: string[] = [];
        let toPage: WebSocketRoute | undefined;
        let closed = false;
        let holding = true;
        await page.routeWebSocket(/\/xmpp-websocket$/, (ws) => {
          const server = ws.connectToServer();
          toPage = ws;
          ws.onMessage((message) => {
            sent.push(String(message));
            server.send(message);
          });
          server.onMessage((message) => {
            if (holding) held.push(String(message));
            else ws.send(message);
          });
          ws.onClose(() => {
            closed = true;
            void server.close();
          });
        });
        await startConverse(page, {
          credentialsUrl: `${app.origin}/xmpp/credentials`,
          websocketUrl: app.endpoint.url,
          plugin: { credentials: 'include' },
        });
        await expect.poll(() => held.length, { timeout: 15_000 }).toBeGreaterThan(0);
        await page.evaluate(() =>
          (globalThis as unknown as ChatPageGlobals).converseLogout?.endSession(),
        );
        expect(sent).toHaveLength(1); // <open>: no stream yet, nothing to close
        holding = false;
        for (const message of held.splice(0)) toPage?.send(message);
        await expect.poll(() => closed, { timeout: 15_000 }).toBe(true);
        // It authenticated and bound, then left before it said it was available.
        expect(sent.filter((f) => f.startsWith('<presence'))).toEqual([
          '<presence type="unavailable" xmlns="jabber:client"/>',
        ]);
        expect(sent.some((f) => f.startsWith('<close'))).toBe(true);
      } finally {
        await context.close();
      }
    }, 30_000);
  },
);
