import type { MintedToken } from '../verify-result.js';

/**
 * Defines `target.xmppToken` as a getter that mints on first read (so routes that never read it
 * pay nothing). Assigning to it replaces the getter with a plain value, as an app would expect.
 * Non-enumerable targets keep generic serializers and view engines from minting (or logging) it.
 */
export function defineLazyToken(
  target: object,
  mint: () => MintedToken,
  enumerable: boolean,
): void {
  Object.defineProperty(target, 'xmppToken', {
    configurable: true,
    enumerable,
    get: mint,
    set(value: unknown) {
      Object.defineProperty(target, 'xmppToken', {
        value,
        writable: true,
        configurable: true,
        enumerable,
      });
    },
  });
}
