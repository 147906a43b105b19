import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import {
  MINT_CHANNEL,
  VERIFY_CHANNEL,
  createXmppToken,
  formatAuthorizationHeader,
  type MintDiagnostic,
  type VerifyDiagnostic,
} from '@xmpp-token/core';
import { createRequestAuthenticator } from '@xmpp-token/core/adapter';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DOMAIN, KEYS, NOW } from './support/adapter-matrix.js';
import { fakeRequest } from './support/request.js';
import { KEY_MATERIAL, rotatedVerifier, runVerifyMatrix } from './support/verify-matrix.js';

const VERIFY_KEYS = ['durationMs', 'jid', 'ok', 'reason', 'secretIndex', 'seedIndex'];
const MINT_KEYS = ['durationMs', 'jid', 'ok', 'reason'];
// Longer than this, a piece of a token or key found in a message is a leak, not a coincidence.
const PIECE = 6;

/** Records what is published on `name` until the test ends. */
function record<T>(name: string): T[] {
  const messages: T[] = [];
  const onMessage = (message: unknown) => messages.push(message as T);
  subscribe(name, onMessage);
  subscriptions.push(() => unsubscribe(name, onMessage));
  return messages;
}
let subscriptions: (() => void)[] = [];
afterEach(() => {
  for (const end of subscriptions) end();
  subscriptions = [];
  vi.restoreAllMocks();
});

/** Every piece (PIECE characters or more) of the given texts that `value` contains. */
function piecesIn(value: string, texts: readonly string[]): string[] {
  const found: string[] = [];
  for (const text of texts) {
    for (let i = 0; i + PIECE <= text.length; i++) {
      const piece = text.slice(i, i + PIECE);
      if (value.includes(piece)) found.push(piece);
    }
  }
  return found;
}

/** The message's fields: flat, of plain types, and holding no piece of a token or key. */
function expectNoSecrets(message: object, secrets: readonly string[]): void {
  for (const [key, value] of Object.entries(message)) {
    expect(['string', 'number', 'boolean', 'undefined']).toContain(typeof value);
    // durationMs is a measurement; every other number is a small index.
    if (typeof value === 'number' && key !== 'durationMs') expect(value).toBeLessThan(10);
    if (typeof value === 'string') expect(piecesIn(value, secrets), key).toEqual([]);
  }
}

describe('diagnostics channels', () => {
  it('are named and exported', () => {
    expect(VERIFY_CHANNEL).toBe('xmpp-token:verify');
    expect(MINT_CHANNEL).toBe('xmpp-token:mint');
  });

  it('publish every verification over the refusal matrix, once it settles', async () => {
    const messages = record<VerifyDiagnostic>(VERIFY_CHANNEL);
    const { outcomes, results } = await runVerifyMatrix();
    expect(results.map((r) => (r.ok ? 'ok' : r.reason))).toEqual(outcomes);
    expect(messages.map((m) => m.reason ?? 'ok')).toEqual(outcomes);
    for (const message of messages) {
      expect(Object.keys(message).sort()).toEqual(VERIFY_KEYS);
      expect(message.durationMs).toBeGreaterThanOrEqual(0);
    }
    const [ok, replayed, malformed, badJid, foreign, badSignature, expired] = messages;
    // The token was made with the second secret and the second seed of the rotation lists.
    expect(ok).toMatchObject({ ok: true, jid: 'alice@example.test', secretIndex: 1, seedIndex: 1 });
    expect(replayed).toMatchObject({ ok: false, secretIndex: 1, seedIndex: 1 });
    // The claimed JID is known even when the token is garbage.
    expect(malformed).toMatchObject({ jid: 'alice@example.test', secretIndex: undefined });
    expect(badJid).toMatchObject({ jid: undefined });
    expect(foreign).toMatchObject({ jid: 'bob@other.test' });
    expect(badSignature).toMatchObject({ secretIndex: undefined, seedIndex: undefined });
    expect(expired).toMatchObject({ secretIndex: 1, seedIndex: undefined });
  });

  it('never carry a token, a piece of one, a secret or the seed', async () => {
    const messages = record<VerifyDiagnostic>(VERIFY_CHANNEL);
    const minted = record<MintDiagnostic>(MINT_CHANNEL);
    const { tokens } = await runVerifyMatrix();
    const secrets = [...tokens, ...KEY_MATERIAL];
    expect(messages).toHaveLength(tokens.length);
    // The matrix mints its tokens, so the mint messages are checked too.
    expect(minted.length).toBeGreaterThan(0);
    for (const message of [...messages, ...minted]) expectNoSecrets(message, secrets);
  });

  it('publish every mint, and a refused identity before the error is thrown', () => {
    const messages = record<MintDiagnostic>(MINT_CHANNEL);
    const xmppToken = createXmppToken({ ...KEYS, domain: DOMAIN, clock: () => NOW });
    const { token } = xmppToken.mint('Alice');
    expect(() => xmppToken.mint('bad user')).toThrow(/nodeprep/);
    expect(() => xmppToken.mint('bob@other.test')).toThrow(/does not serve/);
    expect(messages.map(({ ok, reason, jid }) => ({ ok, reason, jid }))).toEqual([
      { ok: true, reason: undefined, jid: 'alice@example.test' },
      { ok: false, reason: 'bad_jid', jid: undefined },
      { ok: false, reason: 'foreign_domain', jid: 'bob@other.test' },
    ]);
    for (const message of messages) {
      expect(Object.keys(message).sort()).toEqual(MINT_KEYS);
      expectNoSecrets(message, [token, ...KEY_MATERIAL]);
    }
  });

  it('measure nothing while nobody subscribes', async () => {
    const now = vi.spyOn(performance, 'now');
    const xmppToken = createXmppToken({ ...KEYS, domain: DOMAIN, clock: () => NOW });
    expect(await xmppToken.verify('alice', xmppToken.mint('alice').token)).toMatchObject({
      ok: true,
    });
    expect(now).not.toHaveBeenCalled();
    record(VERIFY_CHANNEL);
    await xmppToken.verify('alice', xmppToken.mint('alice').token);
    expect(now).toHaveBeenCalledTimes(2);
  });

  it('keep the synchronous path synchronous while a subscriber listens', () => {
    const messages = record<VerifyDiagnostic>(VERIFY_CHANNEL);
    const xmppToken = rotatedVerifier();
    const { token } = createXmppToken({ ...KEYS, domain: DOMAIN, clock: () => NOW }).mint('alice');
    const authorization = formatAuthorizationHeader({ authcid: 'alice', token });
    const outcome = createRequestAuthenticator({ xmppToken })(
      fakeRequest({ headers: { authorization } }),
    );
    expect(outcome).toMatchObject({ status: 'authenticated' });
    expect(messages).toMatchObject([{ ok: true, secretIndex: 1 }]);
  });

  it('a subscriber that throws changes no result; Node reports its error as uncaught', async () => {
    const after = record<VerifyDiagnostic>(VERIFY_CHANNEL);
    const broken = () => {
      throw new Error('subscriber bug');
    };
    subscribe(VERIFY_CHANNEL, broken);
    subscriptions.push(() => unsubscribe(VERIFY_CHANNEL, broken));
    // Node rethrows a subscriber's error on the next tick; the test runner's own handlers would
    // fail the run, so they step aside while this test catches it.
    const runners = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    const uncaught: unknown[] = [];
    process.on('uncaughtException', (error) => uncaught.push(error));
    try {
      const { outcomes, results } = await runVerifyMatrix();
      expect(results.map((r) => (r.ok ? 'ok' : r.reason))).toEqual(outcomes);
      await new Promise((resolve) => setImmediate(resolve));
      expect(uncaught).toHaveLength(outcomes.length);
      expect(uncaught[0]).toMatchObject({ message: 'subscriber bug' });
      // Subscribers after the broken one still hear every message.
      expect(after).toHaveLength(outcomes.length);
    } finally {
      process.removeAllListeners('uncaughtException');
      for (const listener of runners) process.on('uncaughtException', listener);
    }
  });
});
