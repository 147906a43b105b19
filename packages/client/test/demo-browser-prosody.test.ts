import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeSaslResponse, encodeSaslResponse } from '@xmpp-token/core';
import { findProsody, openXmppStream } from '@xmpp-token/prosody/test-server';
import type { Browser, Page, Response } from 'playwright-core';
import { CHROMIUM, launchChromium } from './helpers/playwright.js';
import { routeXmppSockets, type RoutedSocket } from './helpers/sockets.js';

// `pnpm start` as users run it (examples/demo/server.js), which starts a private Prosody with
// mod_auth_xmpp_token when prosody is installed, driven in Debian's Chromium.
const root = fileURLToPath(new URL('../../../', import.meta.url));
// Converse retries a failing credentials_url every 2 s: watching longer than that shows a stop.
const WATCH_MS = 6_000;
const missing = [
  existsSync(CHROMIUM) ? undefined : `${CHROMIUM} (apt-get install chromium)`,
  findProsody() ? undefined : 'prosody (apt-get install prosody)',
].filter((item) => item !== undefined);
if (missing.length > 0) {
  const message = `the demo browser test against real Prosody needs ${missing.join(' and ')}`;
  if (process.env.CI) throw new Error(`${message} (required in CI)`);
  console.warn(`skipping: ${message}`);
}

/** What the demo prints when it is ready. */
interface Demo {
  readonly process: ChildProcess;
  readonly url: string;
  readonly websocketUrl: string;
  readonly prosodyLog: string;
}

async function startDemo(password: string): Promise<Demo> {
  for (const built of ['packages/core/dist/index.js', 'packages/prosody/dist/test-server.js']) {
    if (!existsSync(`${root}${built}`)) throw new Error(`${built} is missing: run \`pnpm build\``);
  }
  const child = spawn(process.execPath, ['examples/demo/server.js'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', PORT: '0', DEMO_PASSWORD: password },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Whatever happens to this test process, the demo stops (and stops its Prosody).
  process.once('exit', () => child.kill('SIGTERM'));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 30_000;
  while (!/^Open +http:\/\/localhost:\d+\/$/m.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`the demo did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const line = (pattern: RegExp) => pattern.exec(output)?.[1] ?? '';
  return {
    process: child,
    url: `http://127.0.0.1:${line(/^Open +http:\/\/localhost:(\d+)\/$/m)}`,
    websocketUrl: line(
      /^XMPP server: Prosody with mod_auth_xmpp_token, started by the demo: (\S+)$/m,
    ),
    prosodyLog: line(/^Prosody log: (\S+)$/m),
  };
}

describe.skipIf(missing.length > 0)('the demo in Chromium against real Prosody', () => {
  const password = 'correct horse battery staple';
  const tokens: string[] = [];
  const credentials: Response[] = [];
  const events: string[] = [];
  let sockets: RoutedSocket[];
  let demo: Demo;
  let browser: Browser;
  let page: Page;

  const accepted = () =>
    readFileSync(demo.prosodyLog, 'utf8')
      .split('\n')
      .filter((l) => l.includes('X-TOKEN accepted for alice')).length;
  const sent = () => sockets.flatMap((socket) => socket.sent);
  // Prosody's line for a stream the client closed itself (`</close>`), not for a dropped one.
  const closedByClient = () =>
    readFileSync(demo.prosodyLog, 'utf8')
      .split('\n')
      .filter((l) => /c2s stream for alice@localhost\/\S+ closed: session closed/.test(l)).length;
  const presences = () => sent().filter((frame) => frame.startsWith('<presence')).length;

  beforeAll(async () => {
    demo = await startDemo(password);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    page = await context.newPage();
    page.on('response', async (response) => {
      if (!response.url().endsWith('/xmpp/credentials')) return;
      credentials.push(response);
      if (response.ok()) tokens.push(((await response.json()) as { password: string }).password);
    });
    page.on('request', (request) => {
      if (request.method() === 'POST') events.push(`POST ${new URL(request.url()).pathname}`);
    });
    // Every WebSocket goes through here, so the test can see its frames and drop it.
    sockets = await routeXmppSockets(page, (event) => events.push(event));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    if (demo?.process.exitCode === null) {
      const exited = new Promise((resolve) => demo.process.once('exit', resolve));
      demo.process.kill('SIGTERM'); // the demo stops its Prosody, then exits
      await exited;
    }
  });

  it('the demo started its own Prosody and points Converse.js at it', () => {
    expect(demo.websocketUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/xmpp-websocket$/);
    expect(existsSync(demo.prosodyLog)).toBe(true);
  });

  it('signs in: Converse.js fetches a token and Prosody accepts it over X-TOKEN', async () => {
    await page.goto(`${demo.url}/`);
    await page.fill('input[name=username]', 'alice');
    await page.fill('input[name=password]', password);
    await page.click('button[type=submit]');
    await page.waitForURL(`${demo.url}/chat`);
    await expect.poll(presences, { timeout: 30_000 }).toBe(1);
    const auth = sent().find((frame) => frame.startsWith('<auth'));
    expect(auth).toMatch(/mechanism=["']X-TOKEN["']/);
    const response = /<auth[^>]*>([^<]+)<\/auth>/.exec(auth ?? '')?.[1];
    expect(decodeSaslResponse(response)).toEqual({
      authzid: '',
      authcid: 'alice',
      token: tokens[0],
    });
    expect(accepted()).toBe(1);
    await page.waitForSelector('converse-user-profile .xmpp-status .online', { timeout: 10_000 });
    mkdirSync(`${root}out`, { recursive: true });
    await page.screenshot({ path: `${root}out/demo-prosody.png` });
  }, 60_000);

  it('a reload logs in again with a fresh token', async () => {
    await page.reload();
    await expect.poll(presences, { timeout: 30_000 }).toBe(2);
    expect(tokens).toHaveLength(2);
    expect(tokens[1]).not.toBe(tokens[0]);
    expect(accepted()).toBe(2);
  }, 60_000);

  it('a dropped WebSocket: Converse.js reconnects with a fresh token', async () => {
    await sockets.at(-1)?.drop();
    await expect.poll(presences, { timeout: 45_000 }).toBe(3);
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    expect(accepted()).toBe(3);
  }, 60_000);

  it('every token the browser used is refused when a raw client replays it', async () => {
    const stream = await openXmppStream({ url: demo.websocketUrl, domain: 'localhost' });
    try {
      for (const token of tokens) {
        await expect(
          stream.authenticate(encodeSaslResponse({ authcid: 'alice', token })),
        ).resolves.toEqual({
          success: false,
          condition: 'not-authorized',
        });
      }
    } finally {
      stream.close();
    }
    expect(readFileSync(demo.prosodyLog, 'utf8')).toContain('X-TOKEN refused: replayed for alice');
  });

  it('Sign out ends the XMPP session of every tab on Prosody first; then nothing is asked', async () => {
    const second = await page.context().newPage();
    const secondSockets = await routeXmppSockets(second);
    const secondCredentials: Response[] = [];
    second.on('response', (r) => {
      if (r.url().endsWith('/xmpp/credentials')) secondCredentials.push(r);
    });
    await second.goto(`${demo.url}/chat`);
    await expect.poll(accepted, { timeout: 30_000 }).toBe(4);
    const online = () => secondSockets.some((s) => s.sent.some((f) => f.startsWith('<presence')));
    await expect.poll(online, { timeout: 10_000 }).toBe(true);
    const closedBefore = closedByClient();
    events.length = 0;

    await page.click('form[name=logout] button[type=submit]');
    await page.waitForURL(`${demo.url}/`);
    // This tab's XMPP session ended (its socket closed) before the logout form posted.
    expect(events.indexOf('closed')).toBeGreaterThan(0);
    expect(events.indexOf('closed')).toBeLessThan(events.indexOf('POST /logout'));
    // Both tabs closed their streams: Prosody ended both sessions at their request.
    await expect.poll(closedByClient, { timeout: 10_000 }).toBe(closedBefore + 2);
    expect(secondSockets.every((s) => s.closed)).toBe(true);
    await second.waitForSelector('#signed-out:not([hidden])');

    const requests = credentials.length + secondCredentials.length;
    await new Promise((resolve) => setTimeout(resolve, WATCH_MS));
    expect(credentials.length + secondCredentials.length).toBe(requests);
    expect(secondSockets).toHaveLength(1);
    expect(accepted()).toBe(4);
  }, 60_000);
});
