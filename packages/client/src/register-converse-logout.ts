import { XmppTokenClientError } from './client-error.js';
import {
  watchConverse,
  type ConversePrivateApi,
  type SignedOutReason,
} from './internal/converse-session.js';

export type { SignedOutReason } from './internal/converse-session.js';

/** The public `converse` object (the global, or the default export of its ES module). */
export interface ConverseLike {
  readonly plugins: { add(name: string, plugin: object): void };
}

/** Options of {@link registerConverseLogout}. */
export interface ConverseLogoutOptions {
  /**
   * Which cookies Converse's `credentials_url` request carries. Default `'same-origin'`, Converse's
   * own behaviour (an `XMLHttpRequest` without `withCredentials`). `'include'` for a route on
   * another origin, which must allow the page's origin by CORS with credentials.
   */
  readonly credentials?: 'same-origin' | 'include';
  /**
   * Called once, when the chat ends for good in this page: `'unauthorized'` when the credentials
   * route answered 401 (the web session expired, or ended in another tab), `'logout'` when the
   * page called `endSession()`. A place to tell the user, e.g. with a link to sign in again.
   */
  readonly onSignedOut?: (reason: SignedOutReason) => void;
}

/** What {@link registerConverseLogout} returns. */
export interface ConverseLogout {
  /** The plugin's name, for `whitelisted_plugins`: Converse loads no third-party plugin without it. */
  readonly plugin: string;
  /**
   * Ends the XMPP session (Converse's `api.user.logout()`: unavailable presence, then `<close/>`)
   * and keeps Converse from logging in or fetching credentials again in this page. Resolves once
   * disconnected (Strophe gives the server 3 s to answer). Safe to call again, and unbound.
   */
  endSession(): Promise<void>;
}

const PLUGIN = 'xmpp-token-logout';

/**
 * Registers a Converse.js 14 plugin that ends the chat with the web session. Converse retries a
 * failing `credentials_url` every 2 seconds, forever; with this plugin a 401 (nobody signed in)
 * ends the XMPP session instead, and nothing is requested again. `endSession()` is for the
 * page's logout (see {@link endXmppSessionOnLogout}). Call it before `converse.initialize`, and
 * list the plugin in `whitelisted_plugins`.
 *
 * @example
 * ```js
 * const converseLogout = registerConverseLogout(converse, { onSignedOut: showSignInLink });
 * converse.initialize({ credentials_url: '/xmpp/credentials', whitelisted_plugins: [converseLogout.plugin], ... });
 * endXmppSessionOnLogout(converseLogout.endSession, { form: document.forms.namedItem('logout') });
 * ```
 */
export function registerConverseLogout(
  converse: ConverseLike,
  options: ConverseLogoutOptions = {},
): ConverseLogout {
  if (typeof converse?.plugins?.add !== 'function') {
    throw new XmppTokenClientError(
      'ERR_XMPP_TOKEN_CONFIG',
      'registerConverseLogout: pass the converse object (its default export, or window.converse)',
    );
  }
  const { credentials = 'same-origin', onSignedOut } = options;
  if (credentials !== 'same-origin' && credentials !== 'include') {
    throw new XmppTokenClientError(
      'ERR_XMPP_TOKEN_CONFIG',
      "registerConverseLogout: `credentials` is 'same-origin' or 'include'",
    );
  }
  const session = watchConverse({ withCredentials: credentials === 'include', onSignedOut });
  converse.plugins.add(PLUGIN, {
    // Converse's plugin loader assigns `_converse` (its private API) to the plugin first.
    initialize(this: { _converse: { api: ConversePrivateApi } }) {
      session.attach(this._converse.api);
    },
  });
  return { plugin: PLUGIN, endSession: () => session.end('logout') };
}
