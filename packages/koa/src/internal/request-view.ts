import {
  createRequestView,
  type isCorsPreflight,
  readCookie,
  readHeader,
  type RequestAccess,
  type RequestView,
} from '@xmpp-token/core/adapter';
import type { Context } from 'koa';

/**
 * The Node request behind a Koa context, whose `method` and `headers` Koa's own getters read (and
 * setters write): reading it directly spares two getter hops a read on every request. A
 * hand-made context (a unit test's) may have only `method` and `headers` of its own.
 */
export function nodeRequest(ctx: Context): Parameters<typeof isCorsPreflight>[0] {
  return (ctx as Partial<Pick<Context, 'req'>>).req ?? ctx;
}

/**
 * How core reads a Koa context. Headers come from Node's request (lower-case names, see
 * {@link nodeRequest}) rather than `ctx.get`, which answers '' for a missing one. Cookies come
 * from `ctx.cookies`, unsigned even with `app.keys` (the token authenticates itself, and a client
 * script, which cannot sign, may have set it), percent-decoded as Express's cookie-parser does.
 */
const KOA_ACCESS: RequestAccess<Context> = {
  header: (ctx, name) => readHeader(nodeRequest(ctx).headers, name),
  cookie: (ctx, name) => readCookie(ctx.cookies, name),
  // Set by a body parser (@koa/bodyparser, koa-body); @types/koa does not declare it.
  body: (ctx) => (ctx.request as { body?: unknown }).body,
};

/** Wraps a Koa context as core's framework-neutral {@link RequestView}. */
export function requestView(ctx: Context): RequestView<Context> {
  return createRequestView(ctx, KOA_ACCESS);
}
