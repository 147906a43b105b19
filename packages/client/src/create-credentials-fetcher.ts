import { XmppTokenClientError } from './client-error.js';
import { jidParts } from './internal/jid-parts.js';

/** What the app's credentials route answers (Converse.js's `credentials_url` format). */
export interface XmppCredentials {
  /** The user's JID, `local@domain` (a `/resource` is allowed). */
  readonly jid: string;
  /** A fresh token, used as the SASL password. */
  readonly password: string;
}

/** The subset of `fetch` the fetcher needs, so tests and other runtimes can pass their own. */
export type FetchLike = (
  url: string,
  init: {
    method: 'GET';
    credentials: 'same-origin' | 'include' | 'omit';
    cache: 'no-store';
    headers: Record<string, string>;
  },
) => Promise<{ readonly ok: boolean; readonly status: number; json(): Promise<unknown> }>;

/** Options of {@link createCredentialsFetcher}. */
export interface CredentialsFetcherOptions {
  /** The app's credentials route, e.g. `/xmpp/credentials` (relative to the page in a browser). */
  readonly url: string | URL;
  /** Default `globalThis.fetch`. */
  readonly fetch?: FetchLike;
  /**
   * Which cookies go along. Default `'same-origin'`: the session cookie of the app that serves
   * the page. `'include'` for a credentials route on another origin (which must allow it by CORS).
   */
  readonly credentials?: 'same-origin' | 'include';
}

/**
 * Creates a function that GETs a fresh `{ jid, password }` from the app's credentials route.
 * Call it on every (re)connect: a token is valid once and for about a minute. Rejects with an
 * {@link XmppTokenClientError} `ERR_XMPP_TOKEN_CREDENTIALS` (`status` 401: not signed in).
 *
 * @example
 * ```js
 * const fetchCredentials = createCredentialsFetcher({ url: '/xmpp/credentials' });
 * const { jid, password } = await fetchCredentials();
 * ```
 */
export function createCredentialsFetcher(
  options: CredentialsFetcherOptions,
): () => Promise<XmppCredentials> {
  const url = String(options?.url ?? '');
  if (url.length === 0)
    throw new XmppTokenClientError(
      'ERR_XMPP_TOKEN_CONFIG',
      'createCredentialsFetcher: `url` is required',
    );
  const fetchImpl = options.fetch ?? defaultFetch();
  const credentials = options.credentials ?? 'same-origin';
  const headers = { Accept: 'application/json' };

  return async () => {
    const response = await fetchImpl(url, {
      method: 'GET',
      credentials,
      cache: 'no-store',
      headers,
    }).catch((cause: unknown) => {
      throw failure('the credentials request failed', { cause });
    });
    if (!response.ok) {
      const hint = response.status === 401 ? ' (not signed in?)' : '';
      throw failure(`the credentials route answered HTTP ${response.status}${hint}`, {
        status: response.status,
      });
    }
    const body = await response.json().catch((cause: unknown) => {
      throw failure('the credentials route did not answer JSON', {
        cause,
        status: response.status,
      });
    });
    return parseCredentials(body, response.status);
  };
}

function parseCredentials(body: unknown, status: number): XmppCredentials {
  const { jid, password } = (typeof body === 'object' && body !== null ? body : {}) as {
    jid?: unknown;
    password?: unknown;
  };
  if (typeof jid !== 'string' || jidParts(jid) === undefined) {
    throw failure('the credentials response has no valid `jid` (local@domain)', { status });
  }
  if (typeof password !== 'string' || password.length === 0) {
    throw failure('the credentials response has no `password`', { status });
  }
  return { jid, password };
}

function failure(
  message: string,
  options: { cause?: unknown; status?: number },
): XmppTokenClientError {
  return new XmppTokenClientError('ERR_XMPP_TOKEN_CREDENTIALS', message, options);
}

function defaultFetch(): FetchLike {
  const { fetch } = globalThis as { fetch?: FetchLike };
  if (typeof fetch !== 'function') {
    throw new XmppTokenClientError(
      'ERR_XMPP_TOKEN_CONFIG',
      'createCredentialsFetcher: no global fetch here; pass the `fetch` option',
    );
  }
  // Bound: browsers throw "Illegal invocation" for a fetch called off `window`.
  return fetch.bind(globalThis);
}
