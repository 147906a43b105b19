import {
  createRequestView,
  isCorsPreflight,
  type RequestAccess,
  type RequestView,
} from '@xmpp-token/core/adapter';
import { cookieValue } from './cookie-value.js';

/**
 * How core reads a web-standard `Request`. The body is a stream that only the app may consume,
 * so `body` is undefined: `fromBody()` finds nothing here (see the README for an async extractor
 * that reads a clone).
 */
const FETCH_ACCESS: RequestAccess<Request> = {
  header: (request, name) => request.headers.get(name) ?? undefined,
  cookie: (request, name) => cookieValue(request.headers.get('cookie'), name),
  body: () => undefined,
};

/** Wraps a `Request` as core's {@link RequestView}. */
export function fetchRequestView(request: Request): RequestView<Request> {
  return createRequestView(request, FETCH_ACCESS);
}

/** Core's CORS preflight rule, applied to a `Request` (whose headers are a `Headers`, not a record). */
export function isFetchPreflight(request: Request): boolean {
  // Only an OPTIONS request can be one: the others skip the header lookup.
  if (request.method !== 'OPTIONS') return false;
  const method = request.headers.get('access-control-request-method') ?? undefined;
  return isCorsPreflight({
    method: request.method,
    headers: { 'access-control-request-method': method },
  });
}
