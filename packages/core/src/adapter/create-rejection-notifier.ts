import { emitWarning } from 'node:process';
import { ConfigurationError } from '../errors.js';
import { isThenable } from '../internal/await-store.js';
import type { VerificationError } from '../verification-error.js';

/**
 * The `onRejected` option of every adapter: called once for each request the adapter refuses (a
 * missing token where one is required, each verify failure reason, a failing replay store), with
 * the `VerificationError` (its `reason`; `cause` for `store_failure`) and the framework's own
 * request object (Express `req`, Koa `ctx`, Fastify `request`, fetch `Request`, Hono `c`).
 *
 * It observes only: it is called before the refusal is answered, its return value is ignored (an
 * async hook is not awaited, so it slows no refusal), and it cannot change the answer. If it
 * throws or its promise rejects, the refusal goes out unchanged (fail closed) and the error is
 * reported as a process warning (`process.on('warning')`, code `ERR_XMPP_TOKEN_HOOK`).
 */
export type RejectionHook<Context> = (error: VerificationError, context: Context) => void;

/** Calls a {@link RejectionHook}, or nothing; never throws. */
export type RejectionNotifier<Context> = (error: VerificationError, context: Context) => void;

const IGNORE: RejectionNotifier<unknown> = () => undefined;

/**
 * Resolves an adapter's `onRejected` option once into a notifier that never throws and never
 * leaves a rejected promise unhandled. Throws a {@link ConfigurationError} for a hook that is not
 * a function.
 *
 * @example
 * ```ts
 * const notifyRejected = createRejectionNotifier(options.onRejected);
 * // in the refusal branch, before answering:
 * notifyRejected(error, c);
 * ```
 */
export function createRejectionNotifier<Context>(
  hook: RejectionHook<Context> | undefined,
): RejectionNotifier<Context> {
  if (hook === undefined) return IGNORE;
  if (typeof hook !== 'function') {
    throw new ConfigurationError('onRejected must be a function (error, context) => void');
  }
  return (error, context) => {
    try {
      const returned: unknown = hook(error, context);
      if (isThenable(returned)) returned.then(undefined, warnHookFailed);
    } catch (thrown) {
      warnHookFailed(thrown);
    }
  };
}

function warnHookFailed(thrown: unknown): void {
  const detail = thrown instanceof Error ? thrown.message : String(thrown);
  emitWarning(`onRejected failed (${detail}); the refusal was answered unchanged`, {
    type: 'XmppTokenWarning',
    code: 'ERR_XMPP_TOKEN_HOOK',
  });
}
