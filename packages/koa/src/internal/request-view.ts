import type { RequestView } from '@xmpp-token/core';
import type { Context } from 'koa';

/**
 * Core's framework-neutral view of a Koa context: one small object per request, its methods on
 * the prototype. Headers are read from `ctx.headers` (Node lower-cases the names) rather than
 * through `ctx.get`, which answers '' for a missing one.
 */
class KoaRequestView implements RequestView<Context> {
  constructor(readonly raw: Context) {}

  header(name: string): string | undefined {
    const value = this.raw.headers[name];
    return Array.isArray(value) ? value[0] : value;
  }

  // Read unsigned even with `app.keys`: the token authenticates itself, and a client script
  // (which cannot sign) may have set the cookie.
  cookie(name: string): string | undefined {
    return this.raw.cookies.get(name);
  }

  // Set by a body parser (@koa/bodyparser, koa-body); @types/koa does not declare it.
  get body(): unknown {
    return (this.raw.request as { body?: unknown }).body;
  }
}

/** Wraps a Koa context as core's framework-neutral {@link RequestView}. */
export function requestView(ctx: Context): RequestView<Context> {
  return new KoaRequestView(ctx);
}
