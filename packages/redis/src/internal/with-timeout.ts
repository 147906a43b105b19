/**
 * Settles like `promise`, or rejects with `onTimeout()` after `ms`. The timer is always cleared:
 * a verification must neither hang on a silent Redis nor keep the event loop alive afterwards.
 */
export function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  onTimeout: () => Error,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
