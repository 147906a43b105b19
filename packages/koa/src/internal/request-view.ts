import {
  createRequestView,
  readCookie,
  readHeader,
  type RequestAccess,
  type RequestView,
} from '@xmpp-token/core/adapter';
import type { Context } from 'koa';

/**
 * How core reads a Koa context. Headers come from `ctx.headers` (Node lower-cases the names)
 * rather than `ctx.get`, which answers '' for a missing one. Cookies come from `ctx.cookies`,
 * unsigned even with `app.keys` (the token authenticates itself, and a client script, which
 * cannot sign, may have set it), percent-decoded as Express's cookie-parser does.
 */
const KOA_ACCESS: RequestAccess<Context> = {
  header: (ctx, name) => readHeader(ctx.headers, name),
  cookie: (ctx, name) => readCookie(ctx.cookies, name),
  // Set by a body parser (@koa/bodyparser, koa-body); @types/koa does not declare it.
  body: (ctx) => (ctx.request as { body?: unknown }).body,
};

/** Wraps a Koa context as core's framework-neutral {@link RequestView}. */
export function requestView(ctx: Context): RequestView<Context> {
  return createRequestView(ctx, KOA_ACCESS);
}
