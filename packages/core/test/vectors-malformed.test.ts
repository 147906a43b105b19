import type { VerifyFailureReason } from '@xmpp-token/core';
import { describe, expect, it } from 'vitest';
import { createAt, latin1, vectors, type MalformedVector } from './support/vectors.js';

type Ours = 'accept' | VerifyFailureReason;

/**
 * Our verdict for each `malformed[]` case, and why it may differ from upstream's:
 * - `same`: we agree with upstream (a rejection may carry any reason);
 * - `error`: upstream raised a Lua error (no SASL reply at all); we return a typed reason;
 * - `stricter`: upstream accepts, our canonical form (PROTOCOL.md) refuses;
 * - `identity`: upstream's module was called with the raw name; we take the name as Prosody's
 *   SASL layer hands it over (nodeprepped) or as a bare JID, which is our `verify` API.
 */
const OURS: Record<string, { ours: Ours; why: 'same' | 'error' | 'stricter' | 'identity' }> = {
  valid: { ours: 'accept', why: 'same' },
  empty: { ours: 'malformed', why: 'error' },
  'space-only': { ours: 'malformed', why: 'error' },
  'no-space': { ours: 'malformed', why: 'error' },
  'digits-only': { ours: 'malformed', why: 'error' },
  'digits-space-no-signature': { ours: 'malformed', why: 'error' },
  'non-digits': { ours: 'malformed', why: 'error' },
  'tab-separator': { ours: 'malformed', why: 'error' },
  'two-spaces': { ours: 'malformed', why: 'stricter' },
  'letter-in-nonce': { ours: 'malformed', why: 'same' },
  'short-otp': { ours: 'malformed', why: 'same' },
  'empty-nonce': { ours: 'malformed', why: 'stricter' },
  'one-digit-nonce': { ours: 'malformed', why: 'stricter' },
  'long-nonce-1000': { ours: 'malformed', why: 'stricter' },
  'otp-mismatch': { ours: 'not_yet_valid', why: 'same' },
  'signature-not-base64': { ours: 'malformed', why: 'same' },
  'signature-first-char-changed': { ours: 'bad_signature', why: 'same' },
  'signature-no-padding': { ours: 'malformed', why: 'same' },
  'signature-extra-padding': { ours: 'malformed', why: 'stricter' },
  'signature-much-padding': { ours: 'malformed', why: 'stricter' },
  'signature-inner-space': { ours: 'malformed', why: 'stricter' },
  'signature-inner-newline': { ours: 'malformed', why: 'stricter' },
  'signature-noncanonical-last-char': { ours: 'malformed', why: 'stricter' },
  'signature-trailing-group': { ours: 'malformed', why: 'same' },
  'signature-base64url': { ours: 'malformed', why: 'same' },
  'signature-raw-bytes': { ours: 'malformed', why: 'same' },
  'leading-garbage': { ours: 'malformed', why: 'stricter' },
  'leading-garbage-with-space': { ours: 'malformed', why: 'same' },
  'trailing-space': { ours: 'malformed', why: 'stricter' },
  'other-jid': { ours: 'bad_signature', why: 'same' },
  // Prosody's SASL layer nodepreps the authcid before the module sees it; so do we.
  'username-case': { ours: 'accept', why: 'identity' },
  // `verify` takes a localpart or a bare JID (PROTOCOL.md, HTTP): this is alice@example.test.
  'username-with-at': { ours: 'accept', why: 'identity' },
  // The forgery in PROTOCOL.md: a token for 1alice@ with a 33-digit nonce.
  'cross-user-digit-shift': { ours: 'malformed', why: 'stricter' },
  'wrong-secret': { ours: 'bad_signature', why: 'same' },
  'secret-base32-decoded': { ours: 'bad_signature', why: 'same' },
  'long-digits-then-signature': { ours: 'malformed', why: 'same' },
};

/** The exact password of a case: the UTF-8 string, else its bytes (one char each), else built. */
function passwordOf(vector: MalformedVector): string {
  if (vector.password !== undefined) return vector.password;
  if (vector.password_hex !== undefined) return latin1(vector.password_hex);
  const spec = vector.password_spec;
  if (spec === undefined) throw new Error(`${vector.id}: no password in the vector`);
  return spec.repeat.repeat(spec.count) + spec.suffix;
}

function title(vector: MalformedVector): string {
  const { ours, why } = OURS[vector.id] ?? { ours: 'accept', why: 'same' };
  const verdict = ours === 'accept' ? 'accepted' : `refused (${ours})`;
  switch (why) {
    case 'same':
      return `${vector.id}: ${verdict}, as upstream (${vector.result})`;
    case 'error':
      return `${vector.id}: upstream raised a Lua error; we never throw: ${verdict}`;
    case 'stricter':
      return `stricter than upstream: ${vector.id} (${vector.description}) is ${verdict}`;
    case 'identity':
      return `${vector.id}: upstream rejects the raw name; we normalize it as Prosody's SASL layer / bare JID: ${verdict}`;
  }
}

describe('malformed[]: our verdict against upstream’s', () => {
  it('has a verdict for exactly the cases in the vectors', () => {
    expect(vectors.malformed.map((c) => c.id).sort()).toEqual(Object.keys(OURS).sort());
  });

  it('the password strings are the exact bytes of password_hex', () => {
    for (const c of vectors.malformed) {
      if (c.password !== undefined && c.password_hex !== undefined) {
        expect(Buffer.from(c.password, 'utf8').toString('hex')).toBe(c.password_hex);
      }
    }
  });

  it.each(vectors.malformed.map((c) => [title(c), c] as const))('%s', async (_title, vector) => {
    const { ours, why } = OURS[vector.id] ?? { ours: 'accept', why: 'same' };
    // Keep the classification honest: it must agree with what upstream did.
    const upstream = {
      same: ours === 'accept' ? 'accept' : 'reject',
      error: 'error',
      stricter: 'accept',
      identity: 'reject',
    }[why];
    expect(vector.result).toBe(upstream);

    // A fresh instance per case, so the replay store plays no part.
    const result = await createAt(vector.verify_unix_ms).verify(
      vector.username,
      passwordOf(vector),
    );
    expect(result).toEqual(
      ours === 'accept'
        ? { ok: true, jid: 'alice@example.test', expiresAt: new Date(30_000 * 56_666_669) }
        : { ok: false, reason: ours },
    );
  });
});
