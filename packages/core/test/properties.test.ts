import {
  createMemoryReplayStore,
  decodeSaslResponse,
  encodeSaslResponse,
  isXmppTokenError,
  normalizeJid,
  parseAuthorizationHeader,
} from '@xmpp-token/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOST, createAt, manualClock } from './support/vectors.js';

// 2001-2096: any time a token may be minted.
const time = fc.integer({ min: 1_000_000_000_000, max: 4_000_000_000_000 });
// Localparts Prosody accepts: plain ASCII, and any Unicode that nodeprep lets through.
const localpart = fc.oneof(
  fc.stringMatching(/^[a-z0-9._-]{1,16}$/),
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 6 })
    .filter((s) => normalizeJid(s, HOST) !== undefined),
);
// Every UTF-16 code unit, lone surrogates included.
const codeUnits = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)),
});
// Arbitrary bytes, one char each, as bytes off the wire would reach `verify` un-decoded.
const latin1Bytes = fc.uint8Array({ maxLength: 120 }).map((b) => Buffer.from(b).toString('latin1'));
const anyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'binary-ascii' }),
  codeUnits,
  latin1Bytes,
  fc.stringMatching(/^\d{40} [A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/),
);
// A one-byte edit of a token: replace, delete or insert at some position.
const edit = fc.record({
  kind: fc.constantFrom('replace', 'delete', 'insert'),
  at: fc.nat(),
  byte: fc.integer({ min: 0, max: 255 }),
});

function applyEdit(token: string, { kind, at, byte }: { kind: string; at: number; byte: number }) {
  const i = at % (token.length + (kind === 'insert' ? 1 : 0));
  const char = String.fromCharCode(byte);
  if (kind === 'delete') return token.slice(0, i) + token.slice(i + 1);
  if (kind === 'insert') return token.slice(0, i) + char + token.slice(i);
  return token.slice(0, i) + char + token.slice(i + 1);
}

describe('minted tokens', () => {
  it('verify exactly once, for the nodeprepped JID', async () => {
    await fc.assert(
      fc.asyncProperty(localpart, time, async (user, now) => {
        const xmppToken = createAt(now);
        const minted = xmppToken.mint(user);
        expect(minted.jid).toBe(normalizeJid(user, HOST));
        await expect(xmppToken.verify(user, minted.token)).resolves.toEqual({
          ok: true,
          jid: minted.jid,
          expiresAt: minted.expiresAt,
        });
        await expect(xmppToken.verify(minted.jid, minted.token)).resolves.toMatchObject({
          ok: false,
          reason: 'replayed',
        });
      }),
    );
  });

  it('fail after any single-byte change, which does not use the token up', async () => {
    await fc.assert(
      fc.asyncProperty(localpart, time, edit, async (user, now, change) => {
        const xmppToken = createAt(now);
        const { token } = xmppToken.mint(user);
        const changed = applyEdit(token, change);
        fc.pre(changed !== token);
        await expect(xmppToken.verify(user, changed)).resolves.toMatchObject({ ok: false });
        await expect(xmppToken.verify(user, token)).resolves.toMatchObject({ ok: true });
      }),
    );
  });

  it('fail for another JID (other localpart or other domain)', async () => {
    await fc.assert(
      fc.asyncProperty(localpart, localpart, time, async (user, other, now) => {
        fc.pre(normalizeJid(user, HOST) !== normalizeJid(other, HOST));
        const xmppToken = createAt(now);
        const { token } = xmppToken.mint(user);
        await expect(xmppToken.verify(other, token)).resolves.toEqual({
          ok: false,
          reason: 'bad_signature',
        });
        await expect(xmppToken.verify(`${user}@other.test`, token)).resolves.toMatchObject({
          ok: false,
        });
        await expect(xmppToken.verify(user, token)).resolves.toMatchObject({ ok: true });
      }),
    );
  });
});

describe('arbitrary input', () => {
  const xmppToken = createAt(1_700_000_025_000);

  it('as user and token never throws and resolves ok: false', async () => {
    await fc.assert(
      fc.asyncProperty(anyString, anyString, async (user, token) => {
        await expect(xmppToken.verify(user, token)).resolves.toMatchObject({ ok: false });
      }),
    );
  });

  it('of any JavaScript type never throws and resolves ok: false', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), fc.anything(), async (user, token) => {
        const result = await xmppToken.verify(user as string, token as string);
        expect(result.ok).toBe(false);
      }),
    );
  });

  const saslText = fc.oneof(
    anyString,
    fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('base64')),
    fc
      .tuple(anyString, anyString, anyString)
      .map((fields) => Buffer.from(fields.join('\0'), 'utf8').toString('base64')),
  );
  // Any value at all, too: `fc.anything()` includes objects with no string form.
  const saslInput = fc.oneof(fc.anything(), saslText);

  it('decodeSaslResponse never throws; what it returns has a non-empty authcid and token', () => {
    fc.assert(
      fc.property(saslInput, (input) => {
        const decoded = decodeSaslResponse(input);
        if (decoded !== undefined) {
          expect(decoded.authcid.length).toBeGreaterThan(0);
          expect(decoded.token.length).toBeGreaterThan(0);
          expect(`${decoded.authzid}${decoded.authcid}${decoded.token}`).not.toContain('\0');
        }
      }),
    );
  });

  // Whatever shortcut the decoder takes, it must agree with the plain way (a Buffer round trip, a
  // fatal TextDecoder, then the two NULs) on inputs one character away from canonical base64:
  // spaces and '-'/'_' that Node's decoder accepts, non-zero trailing bits, a dropped pad, and
  // U+0141, which Node's decoder reads as 'A'.
  const referenceDecode = (base64: string) => {
    const bytes = Buffer.from(base64, 'base64');
    if (bytes.toString('base64') !== base64) return undefined;
    let message: string;
    try {
      message = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      return undefined;
    }
    const fields = message.split('\0');
    if (fields.length !== 3 || fields[1] === '' || fields[2] === '') return undefined;
    return { authzid: fields[0], authcid: fields[1], token: fields[2] };
  };
  const base64Chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const nearlyBase64 = fc
    .tuple(
      fc.oneof(
        // Messages with NULs, bytes that are not UTF-8 among them (and a real U+FFFD).
        fc
          .array(fc.oneof(fc.constantFrom(0, 0xef, 0xbf, 0xbd, 0x80, 0xc3, 0xff), fc.nat(255)), {
            maxLength: 40,
          })
          .map((b) => Buffer.from(b).toString('base64')),
        saslText,
      ),
      fc.nat(),
      fc.constantFrom('', ' ', '-', '_', '=', '==', '\u00c1', '\u0141', 'A', 'B', '\n'),
      fc.constantFrom('keep', 'insert', 'replace-last-data', 'drop-padding'),
    )
    .map(([text, at, extra, how]) => {
      const i = text.length === 0 ? 0 : at % text.length;
      if (how === 'insert') return text.slice(0, i) + extra + text.slice(i);
      if (how === 'drop-padding') return text.replace(/=+$/, '');
      if (how === 'replace-last-data') {
        const end = text.replace(/=+$/, '').length - 1;
        if (end < 0) return text;
        return text.slice(0, end) + base64Chars[at % 64] + text.slice(end + 1);
      }
      return text;
    });

  it('decodeSaslResponse agrees with a Buffer round trip and a fatal TextDecoder', () => {
    fc.assert(
      fc.property(nearlyBase64, (input) => {
        expect(decodeSaslResponse(input)).toEqual(referenceDecode(input));
      }),
      { numRuns: 2000 },
    );
  });

  it('parseAuthorizationHeader never throws', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          saslInput,
          saslText.map((s) => `X-TOKEN ${s}`),
        ),
        (input) => {
          const parsed = parseAuthorizationHeader(input);
          expect(parsed === undefined || typeof parsed.token === 'string').toBe(true);
        },
      ),
    );
  });

  it('encodeSaslResponse and decodeSaslResponse round-trip any NUL-free Unicode fields', () => {
    const field = (minLength: number) =>
      fc.string({ unit: 'binary', minLength, maxLength: 200 }).filter((s) => !s.includes('\0'));
    fc.assert(
      fc.property(field(0), field(1), field(1), (authzid, authcid, token) => {
        expect(decodeSaslResponse(encodeSaslResponse({ authzid, authcid, token }))).toEqual({
          authzid,
          authcid,
          token,
        });
      }),
    );
  });
});

describe('the memory replay store', () => {
  const operation = fc.record({
    key: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'),
    ttlMs: fc.integer({ min: 1, max: 5_000 }),
    advanceMs: fc.integer({ min: 0, max: 3_000 }),
  });

  it('never exceeds maxEntries, never forgets a live key, and refuses (not evicts) when full', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(operation, { maxLength: 60 }),
        (maxEntries, ops) => {
          const clock = manualClock(1_700_000_000_000);
          const store = createMemoryReplayStore({ maxEntries, clock });
          const expiries = new Map<string, number>(); // the exact TTLs the store was given
          let now = clock();
          for (const { key, ttlMs, advanceMs } of ops) {
            clock.set((now += advanceMs));
            const live = (expiries.get(key) ?? -Infinity) > now;
            let outcome: boolean | 'full';
            try {
              outcome = store.remember(key, ttlMs) as boolean;
            } catch (error) {
              expect(isXmppTokenError(error, 'ERR_XMPP_TOKEN_STORE')).toBe(true);
              outcome = 'full';
            }
            if (outcome === true) {
              expect(live).toBe(false); // a live key is never accepted twice: no eviction
              expiries.set(key, now + ttlMs);
            }
            // Expiry is kept in whole seconds, so a key may outlive its TTL by under a second.
            if (outcome === false)
              expect((expiries.get(key) ?? -Infinity) + 1000).toBeGreaterThan(now);
            if (outcome === 'full') expect(store.size).toBe(maxEntries);
            expect(store.size).toBeLessThanOrEqual(maxEntries);
          }
          // Once every entry has expired, a full store accepts again.
          clock.set(now + 5_000 + 2_000);
          expect(store.remember('fresh', 1_000)).toBe(true);
        },
      ),
    );
  });
});
