// One message on a channel of the app's own: every origin has its own BroadcastChannels.
const LOGOUT = 'logout';

interface BroadcastChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void;
  close(): void;
}

/**
 * A `BroadcastChannel` between the app's tabs: `announce()` a logout to the others; `onLogout`
 * runs when another announces one. Undefined where BroadcastChannel is missing (this tab alone).
 */
export function openLogoutChannel(
  name: string,
  onLogout: () => void,
): { announce(): void; close(): void } | undefined {
  const { BroadcastChannel } = globalThis as {
    BroadcastChannel?: new (name: string) => BroadcastChannelLike;
  };
  if (typeof BroadcastChannel !== 'function') return undefined;
  const channel = new BroadcastChannel(name);
  channel.addEventListener('message', ({ data }) => {
    if (data === LOGOUT) onLogout();
  });
  return {
    announce: () => channel.postMessage(LOGOUT),
    close: () => channel.close(),
  };
}
