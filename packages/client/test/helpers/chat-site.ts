import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import type * as client from '@xmpp-token/client';
import type { Page } from 'playwright-core';

const clientDir = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);

/** What a chat-site page holds: the client's browser build and Converse.js, as page globals. */
export interface ChatPageGlobals {
  readonly client: typeof client;
  readonly converse: {
    initialize(settings: Record<string, unknown>): Promise<void>;
    readonly plugins: client.ConverseLike['plugins'];
    readonly env: { readonly Strophe: { readonly SASLPlain: client.StrophePlainConstructor } };
  };
  /** What the test's own code in the page records. */
  readonly log: string[];
  /** What the test's code got from registerConverseLogout, when it called it. */
  readonly converseLogout?: client.ConverseLogout;
}

/** A site that serves only static pages: Converse.js and @xmpp-token/client, no session. */
export interface ChatSite {
  readonly port: number;
  /**
   * What reached the site, in order: `POST /logout <fields as JSON>` for its logout form, and
   * `<name>` for each `GET /event?name=<name>` that a page's code sends to mark a step.
   */
  readonly events: string[];
  /** Opens the blank page on `origin` (its scheme, host and port: this site answers them all). */
  open(page: Page, origin: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts the chat site on 127.0.0.1 (reachable as `localhost` too, a different origin). */
export async function startChatSite(): Promise<ChatSite> {
  // The page imports the client's browser build; `pnpm test` builds it, a lone vitest may not.
  if (!existsSync(`${clientDir}dist/index.js`)) execFileSync('npx', ['tsup'], { cwd: clientDir });
  const app = express();
  const events: string[] = [];
  app.get('/event', (req, res) => {
    events.push(String(req.query['name']));
    res.sendStatus(204);
  });
  app.post('/logout', express.urlencoded({ extended: false }), (req, res) => {
    events.push(`POST /logout ${JSON.stringify(req.body)}`);
    res.redirect(303, '/');
  });
  app.use(
    '/converse',
    express.static(dirname(require.resolve('converse.js/dist/converse.min.js'))),
  );
  app.use('/xmpp-token', express.static(`${clientDir}dist`));
  app.get('/', (_req, res) => {
    res.type('html').send(`<!doctype html><meta charset="utf-8"><title>chat</title>
<form name="logout" method="post" action="/logout">
  <input type="hidden" name="csrf" value="csrf-token"><button type="submit">Sign out</button>
</form>
<script type="module">
  import * as client from '/xmpp-token/index.js';
  import converse from '/converse/converse.min.js';
  Object.assign(window, { client, converse, log: [] });
  document.title = 'ready';
</script>`);
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    events,
    async open(page, origin) {
      await page.goto(`${origin}/`);
      await page.waitForFunction(
        () => (globalThis as unknown as { document: { title: string } }).document.title === 'ready',
      );
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
