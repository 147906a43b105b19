import { isCorsPreflight, type RequestView } from '@xmpp-token/core';
import { cookieValue } from './cookie-value.js';

/**
 * Core's framework-neutral view of a web-standard `Request`. The body is a stream that only the
 * app may consume, so `body` is undefined: `fromBody()` finds nothing here (see the README for
 * an async extractor that reads a clone).
 */
class FetchRequestView implements RequestView<Request> {
  constructor(readonly raw: Request) {}

  header(name: string): string | undefined {
    return this.raw.headers.get(name) ?? undefined;
  }

  cookie(name: string): string | undefined {
    return cookieValue(this.raw.headers.get('cookie'), name);
  }

  get body(): undefined {
    return undefined;
  }
}

/** Wraps a `Request` as core's {@link RequestView}. */
export function fetchRequestView(request: Request): RequestView<Request> {
  return new FetchRequestView(request);
}

/** Core's CORS preflight rule, applied to a `Request` (whose headers are a `Headers`, not a record). */
export function isFetchPreflight(request: Request): boolean {
  const method = request.headers.get('access-control-request-method') ?? undefined;
  return isCorsPreflight({
    method: request.method,
    headers: { 'access-control-request-method': method },
  });
}
