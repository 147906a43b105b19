import type { Context } from 'koa';

// Typed here rather than through koa-passport's and koa-session's types, which the app may not
// install; both are read as plain data.
interface SignedInContext {
  readonly state?: { readonly user?: unknown };
  readonly session?: { readonly user?: unknown } | null;
}

/** The default identity: koa-passport's `ctx.state.user`, else a koa-session `ctx.session.user`. */
export function signedInUser(ctx: Context): unknown {
  const { state, session } = ctx as SignedInContext;
  return state?.user ?? session?.user;
}
