import {
  createTokenIssuer,
  credentialsBody,
  TOKEN_RESPONSE_HEADERS,
  type IdentityResolver,
  type TokenIssuerOptions,
} from './create-token-issuer.js';

/** What a credentials route answers; the adapter only copies it onto its response. */
export interface CredentialsReply {
  readonly status: 200 | 401 | 405;
  readonly headers: Readonly<Record<string, string>>;
  /** JSON to send; undefined for an empty body. */
  readonly body?: { readonly jid: string; readonly password: string } | NotSignedInBody;
}

/** The generic 401 body of a credentials route when nobody is signed in. */
export interface NotSignedInBody {
  readonly error: 'unauthorized';
  readonly message: string;
}

const NOT_SIGNED_IN: CredentialsReply = Object.freeze({
  status: 401,
  headers: TOKEN_RESPONSE_HEADERS,
  body: Object.freeze({
    error: 'unauthorized',
    message: 'Sign in to get XMPP credentials',
  } as const),
});
// Mounted with app.use rather than a GET route, a POST must not mint (nor look like it did).
const METHOD_NOT_ALLOWED: CredentialsReply = Object.freeze({
  status: 405,
  headers: Object.freeze({ Allow: 'GET, HEAD' }),
});

/**
 * The Converse.js `credentials_url` decision, framework-neutral: GET/HEAD by a signed-in user ->
 * 200 `{ jid, password }` with a fresh token and no-store headers; nobody signed in -> 401; any
 * other method -> 405. Rejects only if the identity function throws (or is unusable as a JID).
 */
export function createCredentialsResponder<Raw>(
  options: TokenIssuerOptions<Raw>,
  defaultIdentity: IdentityResolver<Raw>,
): (method: string, request: Raw) => Promise<CredentialsReply> {
  const issue = createTokenIssuer(options, defaultIdentity);
  return async (method, request) => {
    if (method !== 'GET' && method !== 'HEAD') return METHOD_NOT_ALLOWED;
    const mint = await issue(request);
    if (mint === undefined) return NOT_SIGNED_IN;
    return { status: 200, headers: TOKEN_RESPONSE_HEADERS, body: credentialsBody(mint()) };
  };
}
