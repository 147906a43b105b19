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

type Answer<User> = { readonly verified: Verified<User> } | { readonly error: unknown };

/**
 * Calls a verify function written either way, callback (`done`) or promise, and settles on
 * whichever answers first: an `async (jid, done)` that calls `done` and returns nothing works,
 * and so does an `async (jid)` that never sees `done`. A `done` called before the function
 * returns gives the answer itself, with no promise (the common `(jid, done) => done(null, user)`
 * of passport-jwt users); otherwise a promise of it. A throw, `done(error)` or a rejection gives a
 * rejected promise; it never throws.
 */
export function callVerify<User>(
  invoke: (done: VerifiedCallback<User>) => unknown,
): Verified<User> | Promise<Verified<User>> {
  let answer: Answer<User> | undefined;
  let deliver: ((answer: Answer<User>) => void) | undefined;
  const answerWith = (given: Answer<User>) => {
    if (answer !== undefined) return;
    answer = given;
    deliver?.(given);
  };
  let returned: unknown;
  try {
    returned = invoke((error, user, info) =>
      answerWith(error ? { error } : { verified: { user, info } }),
    );
  } catch (error) {
    answerWith({ error });
  }
  if (answer !== undefined) return settled(answer);
  return new Promise((resolve, reject) => {
    deliver = (given) => ('error' in given ? reject(given.error) : resolve(given.verified));
    if (isThenable(returned)) {
      returned.then(
        (user) => answerWith({ verified: { user: user as VerifiedUser<User>, info: undefined } }),
        (error: unknown) => answerWith({ error }),
      );
    }
  });
}

function settled<User>(answer: Answer<User>): Verified<User> | Promise<Verified<User>> {
  return 'error' in answer ? Promise.reject(answer.error as Error) : answer.verified;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
