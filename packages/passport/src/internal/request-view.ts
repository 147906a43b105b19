import type { IncomingHttpHeaders } from 'node:http';
import type { RequestView } from '@xmpp-token/core';

/**
 * The parts of a request the strategy reads. Express fills them; koa-passport's mock request
 * delegates `headers` to Node's request, `cookies` to Koa's `ctx.cookies` and `body` to
 * `ctx.request.body`.
 */
export interface PassportRequest {
  readonly headers: IncomingHttpHeaders;
  readonly cookies?: unknown;
  readonly signedCookies?: unknown;
  readonly body?: unknown;
}

/** Core's framework-neutral view of an Express (or koa-passport) request. */
export function requestView<Req extends PassportRequest>(req: Req): RequestView<Req> {
  return {
    raw: req,
    header: (name) => first(req.headers[name]),
    cookie: (name) => cookieIn(req.signedCookies, name) ?? cookieIn(req.cookies, name),
    get body() {
      return req.body;
    },
  };
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

// Express (cookie-parser) gives a plain record; Koa gives a jar read through `get(name)`.
function cookieIn(jar: unknown, name: string): string | undefined {
  if (typeof jar !== 'object' || jar === null) return undefined;
  const { get } = jar as { get?: unknown };
  const value: unknown =
    typeof get === 'function' ? get.call(jar, name) : (jar as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}
