import type { Request } from 'express';

// Typed here rather than through @types/passport and @types/express-session, which the app
// may not install; both are read as plain data.
interface SignedInRequest {
  readonly user?: unknown;
  readonly session?: { readonly user?: unknown } | null;
}

/** The default identity: Passport's `req.user`, else an express-session `req.session.user`. */
export function signedInUser(req: Request): unknown {
  const { user, session } = req as SignedInRequest;
  return user ?? session?.user;
}
