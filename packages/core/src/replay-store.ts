/**
 * Where verified tokens are remembered so that each is accepted once. Implementations must be
 * atomic: of any number of concurrent calls with one key, exactly one may resolve `true`.
 */
export interface ReplayStore {
  /**
   * Remember `key` for `ttlMs` milliseconds. Resolves `true` if the key was new, `false` if it
   * was already remembered. Throws or rejects when the store cannot answer: verification then
   * fails closed.
   */
  remember(key: string, ttlMs: number): boolean | Promise<boolean>;
}
