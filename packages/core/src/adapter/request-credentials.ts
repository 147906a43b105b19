import { isThenable } from '../internal/await-store.js';
import { authorizationPayload, isXTokenScheme } from '../internal/authorization-scheme.js';
import { cookieOf, headerOf } from '../internal/request-view.js';
import { readSaslMessage } from '../internal/sasl-message.js';
import type { RequestView } from './create-request-view.js';

/** A token and the identity it claims (a localpart or bare JID), as taken from a request. */
export interface TokenCredentials {
  readonly user: string;
  readonly token: string;
}

/**
 * Finds credentials in a request; undefined when there are none. May be async, but a synchronous
 * one keeps the whole verification synchronous (no promise) when the replay store is too.
 */
export type CredentialsExtractor<Raw = unknown> = (
  request: RequestView<Raw>,
) => TokenCredentials | undefined | Promise<TokenCredentials | undefined>;

// Credentials that are present but unreadable: verify answers `malformed` for them, so a garbled
// token is refused even where anonymous requests are let through (`credentialsRequired: false`).
const UNREADABLE: TokenCredentials = Object.freeze({ user: '', token: '' });

// The authcid and token of a SASL message, straight into the credentials (the authzid, which
// Prosody ignores, is not even sliced out).
const credentialsOf = (message: string, first: number, second: number): TokenCredentials => ({
  user: message.slice(first + 1, second),
  token: message.slice(second + 1),
});

const fromSasl = (value: unknown): TokenCredentials | undefined => {
  if (value === undefined || value === '') return undefined;
  return readSaslMessage(value, credentialsOf) ?? UNREADABLE;
};

/** `Authorization: X-TOKEN <base64(authzid NUL authcid NUL token)>`, the default location. */
export function fromAuthorizationHeader(): CredentialsExtractor {
  return (request) => {
    const value = headerOf(request, 'authorization');
    // Another scheme (Basic, Bearer) is not ours: no credentials, not malformed ones.
    if (!isXTokenScheme(value)) return undefined;
    return readSaslMessage(authorizationPayload(value), credentialsOf) ?? UNREADABLE;
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

/**
 * Tries extractors in order and returns the first credentials found. Synchronous as long as the
 * extractors it calls are; from the first that returns a promise on, it continues asynchronously.
 */
export function fromFirst<Raw>(
  ...extractors: CredentialsExtractor<Raw>[]
): CredentialsExtractor<Raw> {
  const from = (
    request: RequestView<Raw>,
    index: number,
  ): ReturnType<CredentialsExtractor<Raw>> => {
    for (let i = index; i < extractors.length; i++) {
      const credentials = (extractors[i] as CredentialsExtractor<Raw>)(request);
      if (isThenable(credentials)) {
        const next = i + 1;
        return Promise.resolve(credentials).then((found) =>
          found !== undefined ? found : from(request, next),
        );
      }
      if (credentials !== undefined) return credentials;
    }
    return undefined;
  };
  return (request) => from(request, 0);
}
