/**
 * Where verified tokens are remembered so that each is accepted once. Implementations must be
 * atomic: of any number of concurrent calls with one key, exactly one may resolve `true`.
 */
export interface ReplayStore {
  /**
   * Remember `key` for `ttlMs` milliseconds. Answers (or resolves) `true` if the key was new,
   * `false` if it was already remembered. Throws or rejects when the store cannot answer:
   * verification then fails closed (`store_failure`), as it does for an answer that is not a
   * boolean and for a promise still pending after core's `replayStoreTimeoutMs`. `now` is the
   * verifier's clock reading (milliseconds since the Unix epoch) taken for this very check, so a
   * store that keeps time itself need not read a clock again; a store may ignore it.
   */
  remember(key: string, ttlMs: number, now?: number): boolean | Promise<boolean>;
}
