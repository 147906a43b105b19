import { isUtf8 } from 'node:buffer';

/** The three fields of a SASL PLAIN-layout initial response, as X-TOKEN uses it. */
export interface SaslCredentials {
  /** Authorization identity; Prosody ignores it. Usually empty. */
  readonly authzid: string;
  /** The localpart (in SASL; a bare JID is allowed over HTTP for multi-domain apps). */
  readonly authcid: string;
  /** The token, sent as the password. */
  readonly token: string;
}

// Prosody refuses passwords of 1024 bytes or more (SASLprep); a little slack for the names.
const MAX_MESSAGE_BYTES = 3072;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Encodes the X-TOKEN initial response `authzid NUL authcid NUL token` as base64: the content of
 * `<auth mechanism="X-TOKEN">`, and of the `Authorization: X-TOKEN ...` header.
 */
export function encodeSaslResponse(credentials: {
  readonly authcid: string;
  readonly token: string;
  readonly authzid?: string;
}): string {
  const { authzid = '', authcid, token } = credentials;
  return Buffer.from(`${authzid}\0${authcid}\0${token}`, 'utf8').toString('base64');
}

/**
 * Decodes a base64 X-TOKEN initial response. Returns undefined (never throws) unless it is
 * canonical base64 of valid UTF-8 with exactly two NULs and a non-empty authcid and token.
 */
export function decodeSaslResponse(base64: unknown): SaslCredentials | undefined {
  if (typeof base64 !== 'string' || base64.length > (MAX_MESSAGE_BYTES / 3) * 4) return undefined;
  if (!BASE64.test(base64)) return undefined;
  const bytes = Buffer.from(base64, 'base64');
  // isUtf8 + toString is several times cheaper than a fatal TextDecoder on this hot path.
  if (!isUtf8(bytes)) return undefined;
  const message = bytes.toString('utf8');
  const first = message.indexOf('\0');
  const second = message.indexOf('\0', first + 1);
  if (first === -1 || second === -1 || message.indexOf('\0', second + 1) !== -1) return undefined;
  const authcid = message.slice(first + 1, second);
  const token = message.slice(second + 1);
  if (authcid.length === 0 || token.length === 0) return undefined;
  return { authzid: message.slice(0, first), authcid, token };
}
