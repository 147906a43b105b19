import {
  decodeSaslResponse,
  encodeSaslResponse,
  formatAuthorizationHeader,
  parseAuthorizationHeader,
} from '@xmpp-token/core';
import { describe, expect, it } from 'vitest';
import { createAt, vectors, type SaslVector } from './support/vectors.js';

/**
 * Our verdict on each `sasl[]` message: `undecodable` when `decodeSaslResponse` refuses it, else
 * `verify(authcid, token)`'s result. `why` relates it to upstream's status:
 * - `same`: success where upstream succeeds, a refusal where it fails;
 * - `error`: upstream raised a Lua error (no SASL reply); we return a typed reason;
 * - `stricter`: upstream succeeds, our canonical rules (PROTOCOL.md) refuse;
 * - `bare-jid`: PROTOCOL.md lets an HTTP authcid be a bare JID ("an app serving several domains
 *   may put a bare JID there"), so `alice@example.test` names alice@example.test and its token
 *   verifies; Prosody's SASL refuses any `@` in the authcid (malformed-request).
 */
const OURS: Record<string, { ours: string; why: 'same' | 'error' | 'stricter' | 'bare-jid' }> = {
  valid: { ours: 'alice@example.test', why: 'same' },
  'authcid-uppercase': { ours: 'alice@example.test', why: 'same' },
  'authcid-uppercase-minted-uppercase': { ours: 'bad_signature', why: 'same' },
  'authcid-unicode-fold': { ours: 'strasse@example.test', why: 'same' },
  'authzid-other-user': { ours: 'alice@example.test', why: 'same' },
  'authzid-garbage': { ours: 'alice@example.test', why: 'same' },
  'authcid-with-at': { ours: 'alice@example.test', why: 'bare-jid' },
  'authcid-with-host-token-for-full': { ours: 'bad_signature', why: 'same' },
  'authcid-empty': { ours: 'undecodable', why: 'same' },
  'password-empty': { ours: 'undecodable', why: 'same' },
  'no-nul': { ours: 'undecodable', why: 'same' },
  'trailing-nul-junk': { ours: 'undecodable', why: 'stricter' },
  'non-utf8-password': { ours: 'undecodable', why: 'same' },
  'newline-in-signature': { ours: 'malformed', why: 'same' },
  'nbsp-separator': { ours: 'malformed', why: 'stricter' },
  'password-1023-bytes': { ours: 'malformed', why: 'stricter' },
  'password-1024-bytes': { ours: 'malformed', why: 'same' },
  'no-space': { ours: 'malformed', why: 'error' },
  'cross-user-digit-shift': { ours: 'malformed', why: 'stricter' },
};

const base64Of = (vector: SaslVector) => Buffer.from(vector.message_hex, 'hex').toString('base64');

async function ourVerdict(vector: SaslVector): Promise<string> {
  const credentials = decodeSaslResponse(base64Of(vector));
  if (credentials === undefined) return 'undecodable';
  // A fresh instance per case, so the replay store plays no part.
  const result = await createAt(vector.verify_unix_ms).verify(
    credentials.authcid,
    credentials.token,
  );
  return result.ok ? result.jid : result.reason;
}

function title(vector: SaslVector): string {
  const { ours, why } = OURS[vector.id] ?? { ours: '?', why: 'same' };
  const verdict = ours.includes('@') ? `success as ${ours}` : `refused (${ours})`;
  switch (why) {
    case 'same':
      return `${vector.id}: ${verdict}, as upstream (${vector.status})`;
    case 'error':
      return `${vector.id}: upstream raised a Lua error; we never throw: ${verdict}`;
    case 'stricter':
      return `stricter than upstream: ${vector.id} (${vector.description}) is ${verdict}`;
    case 'bare-jid':
      return `${vector.id}: over HTTP a bare-JID authcid is allowed (PROTOCOL.md), unlike Prosody's SASL: ${verdict}`;
  }
}

describe('sasl[]: decodeSaslResponse + verify against upstream’s SASL path', () => {
  it('has a verdict for exactly the cases in the vectors', () => {
    expect(vectors.sasl.map((c) => c.id).sort()).toEqual(Object.keys(OURS).sort());
  });

  it.each(vectors.sasl.map((c) => [title(c), c] as const))('%s', async (_title, vector) => {
    const { ours, why } = OURS[vector.id] ?? { ours: '?', why: 'same' };
    const succeeds = ours.includes('@');
    // Keep the classification honest: it must agree with what upstream did.
    const upstream = {
      same: succeeds ? 'success' : 'failure',
      error: 'error',
      stricter: 'success',
      'bare-jid': 'failure',
    }[why];
    expect(vector.status).toBe(upstream);
    if (why === 'same' && succeeds) expect(`${vector.username}@example.test`).toBe(ours);

    await expect(ourVerdict(vector)).resolves.toBe(ours);
  });
});

describe('encodeSaslResponse round-trips the messages upstream accepts', () => {
  const decodable = vectors.sasl.filter(
    (c) => c.status === 'success' && decodeSaslResponse(base64Of(c)) !== undefined,
  );

  it('covers every message upstream accepts but trailing-nul-junk (which we refuse to decode)', () => {
    const stricter = Object.entries(OURS).filter(
      ([, v]) => v.ours === 'undecodable' && v.why === 'stricter',
    );
    const successes = vectors.sasl.filter((c) => c.status === 'success');
    expect(decodable.length + stricter.length).toBe(successes.length);
  });

  it.each(decodable)('$id: byte for byte', (vector) => {
    const credentials = decodeSaslResponse(base64Of(vector));
    if (credentials === undefined) throw new Error('decodable case did not decode');
    expect(encodeSaslResponse(credentials)).toBe(base64Of(vector));
    expect(Buffer.from(encodeSaslResponse(credentials), 'base64').toString('hex')).toBe(
      vector.message_hex,
    );
  });

  it.each(decodable)('$id: through the Authorization header', (vector) => {
    const credentials = decodeSaslResponse(base64Of(vector));
    if (credentials === undefined) throw new Error('decodable case did not decode');
    const header = formatAuthorizationHeader(credentials);
    expect(header).toBe(`X-TOKEN ${base64Of(vector)}`);
    expect(parseAuthorizationHeader(header)).toEqual(credentials);
  });

  it('omits an absent authzid as the empty string, as the vectors do', () => {
    const valid = vectors.sasl.find((c) => c.id === 'valid');
    const [, authcid = '', token = ''] = valid?.message?.split('\0') ?? [];
    expect(encodeSaslResponse({ authcid, token })).toBe(valid && base64Of(valid));
  });
});
