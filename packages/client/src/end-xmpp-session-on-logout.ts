import { XmppTokenClientError } from './client-error.js';
import { openLogoutChannel } from './internal/logout-channel.js';

/** A `submit` event, as far as this package uses it. */
export interface SubmitEventLike {
  preventDefault(): void;
}

/** The app's logout form (an `HTMLFormElement`), as far as this package uses it. */
export interface LogoutFormLike {
  addEventListener(type: 'submit', listener: (event: SubmitEventLike) => void): void;
  removeEventListener(type: 'submit', listener: (event: SubmitEventLike) => void): void;
  submit(): void;
}

/** Options of {@link endXmppSessionOnLogout}. */
export interface XmppLogoutOptions {
  /**
   * The app's logout form. On submit, the XMPP session ends first (and the other tabs are told),
   * then the form is submitted (`form.submit()`: the submit button's own name and value are not
   * sent). Without JavaScript it submits as usual.
   */
  readonly form?: LogoutFormLike | null | undefined;
  /**
   * The `BroadcastChannel` that the app's tabs (one origin) share: a logout in one ends the XMPP
   * session in all. Default `'xmpp-token-logout'`; `false` for this page alone.
   */
  readonly channel?: string | false;
  /** How long, in ms, a logout waits for the XMPP session to end before it goes on. Default 2000. */
  readonly timeout?: number;
}

/** What {@link endXmppSessionOnLogout} returns. */
export interface XmppLogout {
  /**
   * Tells the other tabs, then ends this page's XMPP session; resolves once it ended, or after
   * `timeout` (an `endSession` that fails or hangs never blocks a logout). What the form's submit
   * does before submitting; call it yourself before a logout made with `fetch`.
   */
  logout(): Promise<void>;
  /** Stops: removes the submit listener and closes the channel. */
  close(): void;
}

/**
 * Ends the XMPP session when the web session ends: before the logout form submits, and when
 * another tab of the app logs out. `endSession` is the client's own: `converseLogout.endSession`
 * ({@link registerConverseLogout}), or `() => xmpp.stop()` for xmpp.js.
 *
 * @example
 * ```js
 * endXmppSessionOnLogout(() => xmpp.stop(), { form: document.forms.namedItem('logout') });
 * ```
 */
export function endXmppSessionOnLogout(
  endSession: () => unknown,
  options: XmppLogoutOptions = {},
): XmppLogout {
  const { form, channel = 'xmpp-token-logout', timeout = 2000 } = options;
  if (typeof endSession !== 'function') throw configError('pass a function that ends the session');
  if (!(Number.isFinite(timeout) && timeout >= 0)) throw configError('`timeout` is ms, 0 or more');
  if (channel !== false && (typeof channel !== 'string' || channel.length === 0)) {
    throw configError('`channel` is a non-empty name, or false');
  }
  let ending: Promise<void> | undefined;
  const endHere = () => (ending ??= settleWithin(endSession, timeout));
  let tabs = channel === false ? undefined : openLogoutChannel(channel, () => void endHere());
  const logout = () => {
    tabs?.announce();
    return endHere();
  };

  let submitting = false;
  const onSubmit = (event: SubmitEventLike) => {
    event.preventDefault();
    if (submitting || form == null) return; // a second click while the session ends
    submitting = true;
    void logout().then(() => form.submit());
  };
  form?.addEventListener('submit', onSubmit);
  return {
    logout,
    close() {
      form?.removeEventListener('submit', onSubmit);
      tabs?.close();
      tabs = undefined;
    },
  };
}

/** Runs `task`; resolves when it settles or after `ms`, whichever comes first, and never rejects. */
function settleWithin(task: () => unknown, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    Promise.resolve().then(task).then(done, done);
  });
}

function configError(message: string): XmppTokenClientError {
  return new XmppTokenClientError('ERR_XMPP_TOKEN_CONFIG', `endXmppSessionOnLogout: ${message}`);
}
