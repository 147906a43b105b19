import { parseAuthorizationHeader } from '../authorization-header.js';
import { cookieOf, headerOf } from '../internal/request-view.js';
import { decodeSaslResponse } from '../sasl-response.js';
import type { RequestView } from './create-request-view.js';

const SCHEME = /^x-token(?: |$)/i;

/** A token and the identity it claims (a localpart or bare JID), as taken from a request. */
export interface TokenCredentials {
  readonly user: string;
  readonly token: string;
}

/** Finds credentials in a request; undefined when there are none. May be async. */
export type CredentialsExtractor<Raw = unknown> = (
  request: RequestView<Raw>,
) => TokenCredentials | undefined | Promise<TokenCredentials | undefined>;

// Credentials that are present but unreadable: verify answers `malformed` for them, so a garbled
// token is refused even where anonymous requests are let through (`credentialsRequired: false`).
const UNREADABLE: TokenCredentials = Object.freeze({ user: '', token: '' });

const fromSasl = (value: unknown): TokenCredentials | undefined => {
  if (value === undefined || value === '') return undefined;
  const sasl = decodeSaslResponse(value);
  return sasl ? { user: sasl.authcid, token: sasl.token } : UNREADABLE;
};

/** `Authorization: X-TOKEN <base64(authzid NUL authcid NUL token)>`, the default location. */
export function fromAuthorizationHeader(): CredentialsExtractor {
  return (request) => {
    const value = headerOf(request, 'authorization');
    // Another scheme (Basic, Bearer) is not ours: no credentials, not malformed ones.
    if (value === undefined || !SCHEME.test(value)) return undefined;
    const sasl = parseAuthorizationHeader(value);
    return sasl ? { user: sasl.authcid, token: sasl.token } : UNREADABLE;
  };
}

/** A custom header holding the base64 SASL response, e.g. `fromHeader('x-xmpp-token')`. */
export function fromHeader(name: string): CredentialsExtractor {
  const lower = name.toLowerCase();
  return (request) => fromSasl(headerOf(request, lower));
}

/**
 * A cookie holding the base64 SASL response, percent-encoded or not. Express needs the app's
 * cookie parser; Koa reads `ctx.cookies`.
 */
export function fromCookie(name: string): CredentialsExtractor {
  return (request) => fromSasl(cookieOf(request, name));
}

/** A parsed JSON body `{ "jid": "...", "token": "..." }`. Needs the app's body parser. */
export function fromBody(): CredentialsExtractor {
  return (request) => {
    const body = request.body;
    if (typeof body !== 'object' || body === null) return undefined;
    const { jid, token } = body as { jid?: unknown; token?: unknown };
    // Keyed on `token`: other JSON bodies (a form with `jid` and `password`) are not credentials.
    if (token === undefined) return undefined;
    return typeof jid === 'string' && typeof token === 'string' ? { user: jid, token } : UNREADABLE;
  };
}

/** Tries extractors in order and returns the first credentials found. */
export function fromFirst<Raw>(
  ...extractors: CredentialsExtractor<Raw>[]
): CredentialsExtractor<Raw> {
  return async (request) => {
    for (const extract of extractors) {
      const credentials = await extract(request);
      if (credentials !== undefined) return credentials;
    }
    return undefined;
  };
}
