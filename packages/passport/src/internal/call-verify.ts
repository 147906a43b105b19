import type { Request } from 'express';

/** What a verify function decides: the app's user, or false/null/undefined for "no such user". */
export type VerifiedUser<User> = User | false | null | undefined;

/** Extra details a callback-style verify may pass on; they reach `req.authInfo`. */
export type VerifyInfo = Readonly<Record<string, unknown>>;

/** The `done` of a callback-style verify, as in passport-local and passport-jwt. */
export type VerifiedCallback<User> = (
  error: unknown,
  user?: VerifiedUser<User>,
  info?: VerifyInfo,
) => void;

/**
 * What a verify function returns: nothing (it calls `done`) or a promise of the user. Not plain
 * `void`, which would accept a promise of anything and so lose the check on the user type.
 */
// eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- see above
export type VerifyReturn<User> = void | Promise<VerifiedUser<User> | void>;

/** Maps the verified bare JID to the app's user: call `done`, or return a promise. */
export type VerifyFunction<User> = (
  jid: string,
  done: VerifiedCallback<User>,
) => VerifyReturn<User>;

/** {@link VerifyFunction} that also receives the request (`passReqToCallback: true`). */
export type VerifyFunctionWithRequest<User> = (
  req: Request,
  jid: string,
  done: VerifiedCallback<User>,
) => VerifyReturn<User>;

/** The settled outcome of one verify call. */
export interface Verified<User> {
  readonly user: VerifiedUser<User>;
  readonly info: VerifyInfo | undefined;
}

/**
 * Calls a verify function written either way, callback (`done`) or promise, and settles on
 * whichever answers first: an `async (jid, done)` that calls `done` and returns nothing works,
 * and so does an `async (jid)` that never sees `done`. A throw or rejection rejects.
 */
export function callVerify<User>(
  invoke: (done: VerifiedCallback<User>) => unknown,
): Promise<Verified<User>> {
  return new Promise((resolve, reject) => {
    const done: VerifiedCallback<User> = (error, user, info) => {
      if (error) reject(error);
      else resolve({ user, info });
    };
    const returned = invoke(done);
    if (isThenable(returned)) {
      returned.then(
        (user) => resolve({ user: user as VerifiedUser<User>, info: undefined }),
        reject,
      );
    }
  });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
