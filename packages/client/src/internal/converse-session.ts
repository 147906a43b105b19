import { SIGNED_OUT_STATUS } from './signed-out.js';

/** Why the chat ended: the credentials route answered 401, or the page ended it (logout). */
export type SignedOutReason = 'unauthorized' | 'logout';

/** Converse 14's private API (`_converse.api`), as far as the plugin uses it. */
export interface ConversePrivateApi {
  readonly listen: {
    on(name: string, handler: (context: unknown, data: never) => unknown): void;
  };
  readonly user: { logout(): Promise<unknown> };
  readonly connection: {
    get(): { readonly connected?: boolean; readonly reconnecting?: boolean } | undefined;
  };
}

/** The `XMLHttpRequest` Converse opens for `credentials_url` and hands the hook before `send()`. */
interface CredentialsRequest {
  readonly status: number;
  withCredentials: boolean;
  onload: ((this: unknown, event: unknown) => unknown) | null;
  send(): void;
}

/** The `login` hook's payload; `success: true` tells Converse a handler dealt with the login. */
interface LoginPayload {
  readonly success?: boolean;
}

/**
 * The plugin's state for one page: attached to Converse's API once Converse loads the plugin,
 * signed out for good after a 401 or `end()`.
 */
export function watchConverse(options: {
  readonly withCredentials: boolean;
  readonly onSignedOut: ((reason: SignedOutReason) => void) | undefined;
}): { attach(api: ConversePrivateApi): void; end(reason: SignedOutReason): Promise<void> } {
  let api: ConversePrivateApi | undefined;
  let ending: Promise<void> | undefined;

  function end(reason: SignedOutReason): Promise<void> {
    if (ending === undefined) {
      ending = closeConnection();
      // After `ending` is set, so that a callback calling endSession() gets the same promise;
      // in a microtask, so that its exception cannot break Converse's XHR handler or the caller.
      queueMicrotask(() => options.onSignedOut?.(reason));
    }
    return ending;
  }

  async function closeConnection(): Promise<void> {
    const connection = api?.connection.get();
    // A live connection, or a dropped one that Converse is reconnecting (it shows a spinner):
    // logout() takes either to Converse's signed-out state. One that never connected has nothing
    // to end, and Strophe would never report it disconnected.
    if (api && (connection?.connected || connection?.reconnecting)) await api.user.logout();
  }

  function onCredentialsRequest(_context: unknown, request: CredentialsRequest) {
    if (ending !== undefined) {
      // Converse's loop (utils/init.js, getLoginCredentialsFromURL) waits for this request and
      // would send another one 2 s after a failure: never sending it parks the loop for good.
      request.send = () => undefined;
      return request;
    }
    if (options.withCredentials) request.withCredentials = true;
    const converseOnload = request.onload;
    request.onload = function (this: unknown, event: unknown) {
      // A 401 is not handed to Converse, which would reject and retry: the loop stops here. Nor
      // are credentials that arrive after the end: Converse would connect with them.
      if (request.status === SIGNED_OUT_STATUS) void end('unauthorized');
      if (ending !== undefined) return undefined;
      return converseOnload?.call(this, event);
    };
    return request;
  }

  return {
    attach(privateApi) {
      api = privateApi;
      api.listen.on('beforeFetchLoginCredentials', onCredentialsRequest);
      // Reconnects and manual logins go through api.user.login(), whose `login` hook runs first.
      api.listen.on('login', (_context: unknown, payload: LoginPayload) =>
        ending === undefined ? payload : { ...payload, success: true },
      );
      // A connection still being set up when the chat ended: closed as soon as it is up.
      const closeLate = () => {
        if (ending !== undefined) void privateApi.user.logout();
      };
      api.listen.on('connected', closeLate);
      api.listen.on('reconnected', closeLate);
    },
    end,
  };
}
