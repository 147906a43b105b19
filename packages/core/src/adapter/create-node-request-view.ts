import { createRequestView, type RequestAccess, type RequestView } from './create-request-view.js';
import { rawCookie } from './read-cookie.js';
import { readHeader } from './read-header.js';

/**
 * The request shape Express and Passport share: Node's lower-cased `headers`, the `cookies` and
 * `signedCookies` of cookie-parser (or a jar with `get(name)`, as koa-passport passes Koa's),
 * and a parsed `body`.
 */
export interface NodeLikeRequest {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly cookies?: unknown;
  readonly signedCookies?: unknown;
  readonly body?: unknown;
}

const NODE_ACCESS: RequestAccess<NodeLikeRequest> = {
  header: (raw, name) => readHeader(raw.headers, name),
  // cookie-parser sets a signed cookie whose signature fails to `false`: no credentials then,
  // rather than falling back to the unsigned jar.
  cookie(raw, name) {
    const signed = rawCookie(raw.signedCookies, name);
    const value = signed !== undefined ? signed : rawCookie(raw.cookies, name);
    return typeof value === 'string' ? value : undefined;
  },
  body: (raw) => raw.body,
};

/** Wraps an Express (or koa-passport) request as core's framework-neutral {@link RequestView}. */
export function createNodeRequestView<Raw extends NodeLikeRequest>(request: Raw): RequestView<Raw> {
  return createRequestView<Raw>(request, NODE_ACCESS);
}
