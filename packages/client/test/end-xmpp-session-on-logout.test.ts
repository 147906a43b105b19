import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endXmppSessionOnLogout, isXmppTokenClientError } from '@xmpp-token/client';
import type { Browser, Page } from 'playwright-core';
import { startChatSite, type ChatPageGlobals, type ChatSite } from './helpers/chat-site.js';
import { hasChromium, launchChromium } from './helpers/playwright.js';

const available = hasChromium();

/** Counts its calls; resolves when the test says so. */
function controlledSession() {
  const waiting: (() => void)[] = [];
  const session = {
    calls: 0,
    end: () => {
      session.calls += 1;
      return new Promise<void>((resolve) => waiting.push(resolve));
    },
    release: () => waiting.forEach((resolve) => resolve()),
  };
  return session;
}

describe('endXmppSessionOnLogout, between tabs (Node has BroadcastChannel too)', () => {
  it("one tab's logout() ends its own session and every other tab's on the channel", async () => {
    const here = controlledSession();
    const there = controlledSession();
    const elsewhere = controlledSession();
    const alone = controlledSession();
    const first = endXmppSessionOnLogout(here.end, { channel: 'test-a' });
    const tabs = [
      first,
      endXmppSessionOnLogout(there.end, { channel: 'test-a' }),
      endXmppSessionOnLogout(elsewhere.end, { channel: 'test-b' }),
      endXmppSessionOnLogout(alone.end, { channel: false }),
    ];
    try {
      const done = first.logout();
      await expect.poll(() => there.calls).toBe(1);
      here.release();
      await done;
      expect(here.calls).toBe(1);
      await first.logout(); // once ended, it stays ended
      expect([here.calls, there.calls, elsewhere.calls, alone.calls]).toEqual([1, 1, 0, 0]);
    } finally {
      for (const tab of tabs) tab.close();
    }
  });

  it('close() stops listening', async () => {
    const [closedTab, witness] = [controlledSession(), controlledSession()];
    // Created first, it would hear a message first: the witness shows the message went out.
    const closed = endXmppSessionOnLogout(closedTab.end, { channel: 'test-c', timeout: 10 });
    const open = endXmppSessionOnLogout(witness.end, { channel: 'test-c' });
    const other = endXmppSessionOnLogout(async () => undefined, { channel: 'test-c' });
    try {
      closed.close();
      await other.logout();
      await expect.poll(() => witness.calls).toBe(1);
      expect(closedTab.calls).toBe(0);
      await closed.logout(); // still ends its own page's session
      expect(closedTab.calls).toBe(1);
    } finally {
      for (const tab of [open, other]) tab.close();
    }
  });

  it('a session that fails or never ends does not hold the logout', async () => {
    const failing = endXmppSessionOnLogout(
      () => {
        throw new Error('broken');
      },
      { channel: false },
    );
    await expect(failing.logout()).resolves.toBeUndefined();
    const hanging = endXmppSessionOnLogout(() => new Promise(() => undefined), {
      channel: false,
      timeout: 50,
    });
    await expect(hanging.logout()).resolves.toBeUndefined();
  });

  it.each([
    ['no function', undefined, {}],
    ['a negative timeout', () => undefined, { timeout: -1 }],
    ['a timeout that is no number', () => undefined, { timeout: Number.NaN }],
    ['an empty channel name', () => undefined, { channel: '' }],
  ])('throws ERR_XMPP_TOKEN_CONFIG for %s', (_case, endSession, options) => {
    const error = (() => {
      try {
        endXmppSessionOnLogout(endSession as never, options);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(isXmppTokenClientError(error, 'ERR_XMPP_TOKEN_CONFIG')).toBe(true);
  });
});

describe.skipIf(!available)('endXmppSessionOnLogout and a logout form (Chromium)', () => {
  let browser: Browser;
  let site: ChatSite;
  let page: Page;
  let origin: string;

  beforeAll(async () => {
    site = await startChatSite();
    origin = `http://127.0.0.1:${site.port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  /** The page's logout form, wired to an endSession that marks its steps on the site. */
  async function openPage(options: { hang?: boolean } = {}): Promise<void> {
    page = await browser.newPage();
    await site.open(page, origin);
    site.events.length = 0;
    await page.evaluate(({ hang }) => {
      const page = globalThis as unknown as ChatPageGlobals & {
        document: { forms: { namedItem(name: string): never } };
        release?: () => void;
      };
      const mark = (name: string) => fetch(`/event?name=${name}`);
      page.client.endXmppSessionOnLogout(
        async () => {
          await mark('ending');
          if (hang) await new Promise(() => undefined);
          await new Promise<void>((resolve) => (page.release = resolve));
          await mark('ended');
        },
        { form: page.document.forms.namedItem('logout'), channel: false, timeout: 500 },
      );
    }, options);
  }

  it('posts the form (its fields included) only once the XMPP session has ended', async () => {
    await openPage();
    await page.click('button[type=submit]');
    await expect.poll(() => site.events).toEqual(['ending']);
    await page.click('button[type=submit]'); // impatient users click again
    await page.evaluate(() => (globalThis as { release?: () => void }).release?.());
    await page.waitForURL(`${origin}/`);
    await expect
      .poll(() => site.events)
      .toEqual(['ending', 'ended', 'POST /logout {"csrf":"csrf-token"}']);
    await page.close();
  });

  it('posts anyway when the session does not end within `timeout`', async () => {
    await openPage({ hang: true });
    await page.click('button[type=submit]');
    await page.waitForURL(`${origin}/`);
    await expect.poll(() => site.events).toEqual(['ending', 'POST /logout {"csrf":"csrf-token"}']);
    await page.close();
  });
});
