import { ReplayStoreError, isXmppTokenError, type ReplayStore } from '@xmpp-token/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAt } from './support/vectors.js';

const T0 = 1_700_000_025_000;

/** Verifies one fresh token with a store answering `answer`; the result and the store's calls. */
async function verifyWith(remember: ReplayStore['remember'], options = {}) {
  const xmppToken = createAt(T0, { replayStore: { remember }, ...options });
  return xmppToken.verify('alice', xmppToken.mint('alice').token);
}

// The ReplayStore contract as `verify` enforces it: `true` accepts, `false` is a replay, and
// anything else, thrown, rejected, late or not a boolean, refuses the token as `store_failure`.
describe('what verify makes of a replay store’s answer', () => {
  it.each([
    ['true', true, { ok: true }],
    ['false', false, { ok: false, reason: 'replayed' }],
    ['a promise of true', Promise.resolve(true), { ok: true }],
    ['a promise of false', Promise.resolve(false), { ok: false, reason: 'replayed' }],
  ])('%s', async (_name, answer, expected) => {
    await expect(verifyWith(() => answer)).resolves.toMatchObject(expected);
  });

  it.each([
    ['1', 1],
    ['"OK"', 'OK'],
    ['undefined', undefined],
    ['null', null],
    ['an object', { ok: true }],
    ['a promise of 1', Promise.resolve(1)],
    ['a promise of "OK"', Promise.resolve('OK')],
    ['a promise of undefined', Promise.resolve(undefined)],
  ])('%s, not a boolean: store_failure, never replayed nor accepted', async (_name, answer) => {
    const result = await verifyWith(() => answer as unknown as boolean);
    expect(result).toMatchObject({ ok: false, reason: 'store_failure' });
    const cause = result.ok ? undefined : result.cause;
    expect(cause).toBeInstanceOf(ReplayStoreError);
    expect(isXmppTokenError(cause, 'ERR_XMPP_TOKEN_STORE')).toBe(true);
  });

  it('a throw or a rejection: store_failure with the store’s error as cause', async () => {
    const broken = new Error('store down');
    for (const remember of [
      () => {
        throw broken;
      },
      () => Promise.reject(broken),
    ]) {
      await expect(verifyWith(remember)).resolves.toEqual({
        ok: false,
        reason: 'store_failure',
        cause: broken,
      });
    }
  });

  it('a thenable whose then() throws: store_failure', async () => {
    const broken = new Error('bad thenable');
    const thenable = {
      then() {
        throw broken;
      },
    };
    await expect(verifyWith(() => thenable as never)).resolves.toMatchObject({
      reason: 'store_failure',
      cause: broken,
    });
  });
});

describe('what verify gives a replay store', () => {
  it('the key, the milliseconds the token has left, and the clock reading it was checked at', async () => {
    const remember = vi.fn<ReplayStore['remember']>(() => true);
    const xmppToken = createAt(T0, { replayStore: { remember } });
    const minted = xmppToken.mint('alice');
    await expect(xmppToken.verify('alice', minted.token)).resolves.toMatchObject({ ok: true });
    expect(remember).toHaveBeenCalledTimes(1);
    const [key, ttlMs, now] = remember.mock.calls[0] ?? [];
    expect(key).toHaveLength(12);
    expect(ttlMs).toBe(minted.expiresAt.getTime() - T0);
    expect(now).toBe(T0);
  });

  it('a store written for the two-argument interface works as before', async () => {
    const seen = new Set<string>();
    const remember = (key: string, ttlMs: number) => {
      if (ttlMs <= 0 || seen.has(key)) return false;
      seen.add(key);
      return true;
    };
    const xmppToken = createAt(T0, { replayStore: { remember } });
    const { token } = xmppToken.mint('alice');
    await expect(xmppToken.verify('alice', token)).resolves.toMatchObject({ ok: true });
    await expect(xmppToken.verify('alice', token)).resolves.toMatchObject({ reason: 'replayed' });
  });
});

describe('replayStoreTimeoutMs', () => {
  it('ends a store that never settles in store_failure instead of hanging', async () => {
    const never = () => new Promise<boolean>(() => undefined);
    const result = await verifyWith(never, { replayStoreTimeoutMs: 20 });
    expect(result).toMatchObject({ ok: false, reason: 'store_failure' });
    const cause = result.ok ? undefined : result.cause;
    expect(cause).toBeInstanceOf(ReplayStoreError);
    expect((cause as Error).message).toMatch(/no answer within 20 ms/);
  });

  it('defaults to 500 ms', async () => {
    const result = await verifyWith(() => new Promise<boolean>(() => undefined));
    expect(result.ok === false && (result.cause as Error).message).toMatch(/within 500 ms/);
  });

  it('lets an answer that comes in time through, true or false', async () => {
    const later = (answer: boolean) => () =>
      new Promise<boolean>((resolve) => setTimeout(() => resolve(answer), 5));
    const options = { replayStoreTimeoutMs: 10_000 };
    await expect(verifyWith(later(true), options)).resolves.toMatchObject({ ok: true });
    await expect(verifyWith(later(false), options)).resolves.toMatchObject({ reason: 'replayed' });
  });

  describe('timers', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('creates none for a store that answers synchronously (the memory store)', async () => {
      vi.useFakeTimers();
      const xmppToken = createAt(T0);
      const pending = xmppToken.verify('alice', xmppToken.mint('alice').token);
      expect(vi.getTimerCount()).toBe(0);
      await expect(pending).resolves.toMatchObject({ ok: true });
    });

    it('clears the one it makes for an asynchronous store once it answers', async () => {
      vi.useFakeTimers();
      const pending = verifyWith(() => Promise.resolve(true));
      expect(vi.getTimerCount()).toBe(1);
      await expect(pending).resolves.toMatchObject({ ok: true });
      expect(vi.getTimerCount()).toBe(0);
    });
  });

  it.each([0, -1, 1.5, 60_001, Number.NaN, '500'])('refuses %j at construction', (value) => {
    expect(() => createAt(T0, { replayStoreTimeoutMs: value as number })).toThrow(
      /replayStoreTimeoutMs must be an integer from 1 to 60000/,
    );
  });
});
