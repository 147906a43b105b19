import fc from 'fast-check';
import { encodeSaslResponse } from '@xmpp-token/core';
import { openXmppStream, type XmppStream } from '@xmpp-token/prosody/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vectors, type MalformedVector } from '../../core/test/support/vectors.js';
import { ACCEPTED, MALFORMED, NOT_AUTHORIZED, rawLogin } from './support/clients.js';
import { mintAt } from './support/clock.js';
import { expectLogFreeOf, hasProsody, useProsody } from './support/prosody.js';

/**
 * The vectors' broken inputs, sent to a live Prosody. Their times are 2023, so a well-formed token
 * among them is expired now: not-authorized. Everything that is not the canonical form is
 * malformed-request, including what upstream accepted (`stricter`) or crashed on (Lua errors, no
 * SASL answer at all).
 */
const MALFORMED_CANONICAL = [
  'valid',
  'otp-mismatch',
  'signature-first-char-changed',
  'other-jid',
  'username-case',
  'wrong-secret',
  'secret-base32-decoded',
];
const SASL_CANONICAL = [
  'valid',
  'authcid-uppercase',
  'authcid-uppercase-minted-uppercase',
  'authcid-unicode-fold',
  'authzid-other-user',
  'authzid-garbage',
];

function passwordBytes(vector: MalformedVector): Buffer {
  if (vector.password_hex !== undefined) return Buffer.from(vector.password_hex, 'hex');
  const spec = vector.password_spec;
  if (spec === undefined) throw new Error(`${vector.id}: no password`);
  return Buffer.from(spec.repeat.repeat(spec.count) + spec.suffix);
}

const initialResponse = (vector: MalformedVector) =>
  Buffer.concat([Buffer.from(`\0${vector.username}\0`), passwordBytes(vector)]).toString('base64');

/** Ways to break a fresh, valid token; each must be refused as malformed-request. */
const BREAKAGES: readonly (readonly [string, (token: string) => string])[] = [
  ['an extra `=`', (t) => `${t}=`],
  ['no padding', (t) => t.slice(0, -1)],
  ['a space inside the signature', (t) => `${t.slice(0, 60)} ${t.slice(60)}`],
  ['a newline inside the signature', (t) => `${t.slice(0, 60)}\n${t.slice(60)}`],
  ['leading garbage', (t) => `x${t}`],
  ['a leading space', (t) => ` ${t}`],
  ['a trailing space', (t) => `${t} `],
  ['a trailing newline', (t) => `${t}\n`],
  ['a tab separator', (t) => t.replace(' ', '\t')],
  ['two spaces', (t) => t.replace(' ', '  ')],
  ['a no-break space separator', (t) => t.replace(' ', '\u00a0')],
  ['base64url', (t) => `${t.slice(0, 41)}-_${t.slice(43)}`],
  ['a non-canonical last character', (t) => t.replace(/.=$/, (c) => (c === 'B=' ? 'C=' : 'B='))],
  ['a 31-digit nonce', (t) => t.slice(0, 8) + t.slice(9)],
  ['a 33-digit nonce', (t) => `${t.slice(0, 40)}7${t.slice(40)}`],
  ['a fullwidth digit', (t) => `\uff10${t.slice(1)}`],
  ['an Arabic-Indic digit', (t) => `\u0660${t.slice(1)}`],
  ['a NUL inside', (t) => `${t.slice(0, 20)}\0${t.slice(20)}`],
  ['the token twice', (t) => `${t} ${t}`],
  ['1024 bytes', (t) => t.padEnd(1024, 'A')],
  ['only the digits', (t) => t.slice(0, 40)],
  ['only the signature', (t) => t.slice(41)],
  ['spaces only', () => '   '],
];

describe.skipIf(!hasProsody)('malformed input against real Prosody: always a SASL failure', () => {
  const suite = useProsody();
  const c2s = () => ({ url: suite.server.c2sUrl, domain: 'localhost' });
  let stream: XmppStream;
  let pid: number;
  const used: string[] = [];

  beforeAll(async () => {
    pid = suite.server.pid;
    // One stream for the vectors: after a failure Prosody lets the client try again.
    stream = await openXmppStream(c2s());
  });
  afterAll(() => stream?.close());

  it('the vectors’ classification: exactly these are well-formed', () => {
    const canonical = /^\d{40} [A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;
    const wellFormed = vectors.malformed.filter(
      (v) => canonical.test(passwordBytes(v).toString('latin1')) && !v.username.includes('@'),
    );
    expect(wellFormed.map((v) => v.id)).toEqual(MALFORMED_CANONICAL);
  });

  // Prosody's c2s_unauthed_stanza_size_limit (10000 bytes) ends the stream before any module.
  const oversized = (v: MalformedVector) => initialResponse(v).length > 9000;

  it.each(vectors.malformed.filter(oversized).map((v) => [v.id, v] as const))(
    'malformed[] %s: larger than Prosody lets an unauthenticated stanza be: stream error',
    async (_id, vector) => {
      const own = await openXmppStream(c2s());
      await expect(own.authenticate(initialResponse(vector))).rejects.toThrow(
        'stream error: policy-violation',
      );
      own.close();
    },
  );

  it.each(vectors.malformed.filter((v) => !oversized(v)).map((v) => [v.id, v] as const))(
    'malformed[] %s: one SASL failure with the right condition',
    async (id, vector) => {
      const outcome = await stream.authenticate(initialResponse(vector));
      expect(outcome).toEqual(MALFORMED_CANONICAL.includes(id) ? NOT_AUTHORIZED : MALFORMED);
    },
  );

  it.each(vectors.sasl.map((v) => [v.id, v] as const))(
    'sasl[] %s: one SASL failure with the right condition',
    async (id, vector) => {
      const outcome = await stream.authenticate(
        Buffer.from(vector.message_hex, 'hex').toString('base64'),
      );
      expect(outcome).toEqual(SASL_CANONICAL.includes(id) ? NOT_AUTHORIZED : MALFORMED);
    },
  );

  it.each(BREAKAGES)('a fresh token with %s: malformed-request', async (_name, breakIt) => {
    const { token } = mintAt(suite.keys, 'localhost', 'alice');
    used.push(token);
    await expect(
      stream.authenticate(encodeSaslResponse({ authcid: 'alice', token: breakIt(token) })),
    ).resolves.toEqual(MALFORMED);
    // The refusal was for the shape: the token itself is unused and logs in.
    await expect(rawLogin(c2s(), 'alice', token)).resolves.toEqual(ACCEPTED);
  });

  it('the digit-shift forgery: 1alice’s token, its nonce extended by the 1, is malformed for alice', async () => {
    const { token } = mintAt(suite.keys, 'localhost', '1alice');
    used.push(token);
    const forged = `${token.slice(0, 40)}1${token.slice(40)}`;
    await expect(rawLogin(c2s(), 'alice', forged)).resolves.toEqual(MALFORMED);
    await expect(rawLogin(c2s(), '1alice', token)).resolves.toEqual(ACCEPTED);
  });

  it.each([
    ['no initial response', undefined],
    ['an empty initial response (=)', ''],
    ['authcid with an @', encodeSaslResponse({ authcid: 'alice@localhost', token: 'x' })],
    ['authcid nodeprep refuses (a space)', encodeSaslResponse({ authcid: 'al ice', token: 'x' })],
    ['authcid of 1100 bytes', encodeSaslResponse({ authcid: 'a'.repeat(1100), token: 'x' })],
    ['three NULs', Buffer.from('\0alice\0x\0y').toString('base64')],
  ])('SASL layer: %s is malformed-request', async (_name, response) => {
    await expect(stream.authenticate(response)).resolves.toEqual(MALFORMED);
  });

  it('a mechanism that is not offered: invalid-mechanism', async () => {
    expect(stream.mechanisms).toEqual(['X-TOKEN']);
    await expect(
      stream.authenticate(encodeSaslResponse({ authcid: 'alice', token: 'x' }), 'SCRAM-SHA-1'),
    ).resolves.toEqual({ success: false, condition: 'invalid-mechanism' });
  });

  it('300 random messages: a failure each, never silence', async () => {
    const messages = fc.sample(
      fc.oneof(
        fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
        fc
          .tuple(fc.string(), fc.string(), fc.string())
          .map(([a, b, c]) => Buffer.from(`${a}\0${b}\0${c}`)),
        fc
          .stringMatching(/^\d{38,42} [A-Za-z0-9+/= ]{40,46}$/)
          .map((t) => Buffer.from(`\0alice\0${t}`)),
      ),
      { numRuns: 300, seed: 20260101 },
    );
    for (const message of messages) {
      const outcome = await stream.authenticate(
        message.length === 0 ? '' : message.toString('base64'),
      );
      expect(outcome.success).toBe(false);
      if (!outcome.success)
        expect(['malformed-request', 'not-authorized']).toContain(outcome.condition);
    }
  }, 60_000);

  it('afterwards: a valid token still logs in, on the same process, with no Lua error logged', async () => {
    const { token } = mintAt(suite.keys, 'localhost', 'alice');
    used.push(token);
    await expect(
      stream.authenticate(encodeSaslResponse({ authcid: 'alice', token })),
    ).resolves.toEqual(ACCEPTED);
    expect(suite.server.pid).toBe(pid);
    const log = suite.server.readLog();
    expect(log).not.toMatch(/Traceback|failed unexpectedly|\terror\t/);
    expectLogFreeOf(suite.server, [...used, suite.keys.tokenSecret, suite.keys.otpSeed]);
  });
});
