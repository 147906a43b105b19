import { authorizationPayload, isXTokenScheme } from './internal/authorization-scheme.js';
import { decodeSaslResponse, encodeSaslResponse, type SaslCredentials } from './sasl-response.js';

/** The HTTP authentication scheme: `Authorization: X-TOKEN <base64 SASL initial response>`. */
export const AUTHORIZATION_SCHEME = 'X-TOKEN';

/**
 * Builds an `Authorization` header value carrying a token. A token has a space in it, which
 * `Bearer` parsers cut, so it travels as the very bytes of the SASL response, as Basic does.
 */
export function formatAuthorizationHeader(credentials: {
  readonly authcid: string;
  readonly token: string;
  readonly authzid?: string;
}): string {
  return `${AUTHORIZATION_SCHEME} ${encodeSaslResponse(credentials)}`;
}

/** Parses an `Authorization: X-TOKEN ...` value (scheme case-insensitive); undefined otherwise. */
export function parseAuthorizationHeader(value: unknown): SaslCredentials | undefined {
  return isXTokenScheme(value) ? decodeSaslResponse(authorizationPayload(value)) : undefined;
}
