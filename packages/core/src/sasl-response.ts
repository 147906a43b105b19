import { readSaslMessage } from './internal/sasl-message.js';

/** The three fields of a SASL PLAIN-layout initial response, as X-TOKEN uses it. */
export interface SaslCredentials {
  /** Authorization identity; Prosody ignores it. Usually empty. */
  readonly authzid: string;
  /** The localpart (in SASL; a bare JID is allowed over HTTP for multi-domain apps). */
  readonly authcid: string;
  /** The token, sent as the password. */
  readonly token: string;
}

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
  return readSaslMessage(base64, (message, first, second) => ({
    authzid: message.slice(0, first),
    authcid: message.slice(first + 1, second),
    token: message.slice(second + 1),
  }));
}
