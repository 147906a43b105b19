import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createXmppToken, decodeSaslResponse, generateKeys } from '@xmpp-token/core';
import { createDemo } from '../../../examples/demo/app.js';
import type { FakeXmppAuth } from '../../../examples/demo/fake-xmpp-server.js';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launchChromium } from './helpers/playwright.js';

const available = hasChromium();
const outDir = fileURLToPath(new URL('../../../out/', import.meta.url));
const clientDir = fileURLToPath(new URL('../', import.meta.url));

describe.skipIf(!available)('the demo in headless Chromium', () => {
  const keys = generateKeys();
  const xmppToken = createXmppToken({ ...keys, domain: 'localhost' });
  const password = 'correct horse battery staple';
  const auths: FakeXmppAuth[] = [];
  let demo: ReturnType<typeof createDemo>;
  let browser: Browser;
  let page: Page;
  let base: string;
  const sentFrames: string[] = [];

  beforeAll(async () => {
    // The page imports the client's browser build; `pnpm test` builds it, a lone vitest may not.
    if (!existsSync(`${clientDir}dist/index.js`)) execFileSync('npx', ['tsup'], { cwd: clientDir });
    demo = createDemo({
      xmppToken,
      users: { alice: password },
      onAuth: (auth) => auths.push(auth),
    });
    await new Promise<void>((resolve) => demo.server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(demo.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    page.on('websocket', (socket) => {
      socket.on('framesent', ({ payload }) => sentFrames.push(String(payload)));
    });
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('signs in, fetches credentials and authenticates Converse.js with X-TOKEN', async () => {
    await page.goto(`${base}/`);
    await page.fill('input[name=username]', 'alice');
    await page.fill('input[name=password]', password);
    const credentials = page.waitForResponse((r) => r.url() === `${base}/xmpp/credentials`);
    await page.click('button[type=submit]');
    await page.waitForURL(`${base}/chat`);

    const response = await credentials;
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { jid: string; password: string };
    expect(body.jid).toBe('alice@localhost');

    // Converse sends presence once authenticated and bound: the whole login went through.
    await expect
      .poll(() => sentFrames.some((f) => f.startsWith('<presence')), { timeout: 30_000 })
      .toBe(true);
    const auth = sentFrames.find((f) => f.startsWith('<auth'));
    expect(auth).toMatch(/^<auth [^>]*mechanism="X-TOKEN"/);
    const initialResponse = /<auth[^>]*>([^<]+)<\/auth>/.exec(auth ?? '')?.[1] ?? '';
    expect(decodeSaslResponse(initialResponse)).toEqual({
      authzid: '',
      authcid: 'alice',
      token: body.password,
    });

    expect(auths).toHaveLength(1);
    expect(auths[0]).toMatchObject({ authcid: 'alice', response: initialResponse });
    expect(auths[0]?.result).toMatchObject({ ok: true, jid: 'alice@localhost' });
    // And a verifier of its own (a fresh replay store) accepts the token too.
    const verifier = createXmppToken({ ...keys, domain: 'localhost' });
    expect(await verifier.verify('alice', body.password)).toMatchObject({ ok: true });

    // Converse's control box says so too; then keep the picture as a CI artifact.
    await page.waitForSelector('converse-user-profile .xmpp-status .online', { timeout: 10_000 });
    mkdirSync(outDir, { recursive: true });
    await page.screenshot({ path: `${outDir}demo.png` });
  }, 50_000);
});
