import { createXmppToken, type MintedToken, type XmppToken } from '@xmpp-token/core';
import vectors from '../../../core/test/vectors/mod_auth_token.json' with { type: 'json' };

/** A `sasl` case of the upstream vectors that Prosody answered with `<success/>`. */
export interface SaslVector {
  readonly id: string;
  /** The initial response Prosody received, as hex. */
  readonly messageHex: string;
  readonly authzid: string;
  readonly authcid: string;
  /** The user the token was minted for. */
  readonly username: string;
  readonly verifyUnixMs: number;
  /** The 32 nonce digits inside the vector's token. */
  readonly nonce: string;
}

/** The `sasl` vector `id`, which must be a success case. */
export function saslVector(id: string): SaslVector {
  const found = vectors.sasl.find((c) => c.id === id);
  if (found?.status !== 'success' || found.username === undefined)
    throw new Error(`no success vector ${id}`);
  const [authzid, authcid, token] = found.message.split('\0') as [string, string, string];
  return {
    id,
    messageHex: found.message_hex,
    authzid,
    authcid,
    username: found.username,
    verifyUnixMs: found.verify_unix_ms,
    nonce: token.slice(8, 40),
  };
}

/** A minter/verifier with the vectors' keys and host, its clock and randomness pinned. */
export function vectorXmppToken(clockMs: number, nonce = ''): XmppToken {
  const digits = nonce.split('').map(Number);
  return createXmppToken({
    tokenSecret: vectors.config.token_secret,
    otpSeed: vectors.config.otp_seed,
    domain: vectors.config.host,
    clock: () => clockMs,
    // Bytes 0-9 become those digits; 255 is rejected by the nonce source (see the core smoke test).
    randomFill: (buffer) => {
      buffer.fill(255);
      buffer.set(digits);
    },
  });
}

/** Mints, with core, the very token of a vector: same keys, clock and nonce. */
export function mintVectorToken(vector: SaslVector): MintedToken {
  return vectorXmppToken(vector.verifyUnixMs, vector.nonce).mint(vector.username);
}

/** The vectors' XMPP host. */
export const VECTOR_HOST = vectors.config.host;

/** Hex of a base64 string, to compare with `message_hex`. */
export function base64ToHex(base64: string): string {
  return Buffer.from(base64, 'base64').toString('hex');
}
