/** One answer being waited for. */
interface Waiting {
  readonly deadline: number;
  settled: boolean;
  readonly fail: (error: unknown) => void;
}

/**
 * Waits for `answer` at most the race's timeout, then settles with `onValue(value)` or, for a
 * rejection (or a thenable whose `then` throws) and for the timeout's error, `onError(error)`; a
 * throw from either rejects. Mapping here spares the caller a `.then` of its own (a promise and a
 * microtask more per call).
 */
export type TimeoutRace = <T, R>(
  answer: PromiseLike<T>,
  onValue: (value: T) => R,
  onError: (error: unknown) => R,
) => Promise<R>;

/**
 * Races answers against a deadline `timeoutMs` after each call, with one timer for all of them
 * rather than a timer (and a `Promise.race`) per call: every call has the same timeout, so the
 * waiting answers expire in the order they came, and one timer set for the oldest suffices.
 * Deadlines are read on `performance.now`, the monotonic clock that fake timers also drive. No
 * timer is left once nothing waits, so it never keeps a process alive. Core waits for replay
 * stores with it, and a store that talks to a server can bound its replies with it.
 *
 * @example
 * ```ts
 * const race = createTimeoutRace(250, () => new ReplayStoreError('no reply within 250 ms'));
 * const fresh = await race(client.set(key, '1', 'PX', ttl, 'NX'), (reply) => reply === 'OK', (error) => {
 *   throw error;
 * });
 * ```
 */
export function createTimeoutRace(timeoutMs: number, timedOut: () => Error): TimeoutRace {
  let queue: Waiting[] = [];
  let head = 0;
  let unsettled = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const arm = (deadline: number) => {
    timer = setTimeout(expire, Math.max(1, deadline - performance.now()));
  };
  // Marks one answer settled; once none waits, drops the queue and the timer.
  const settle = (waiting: Waiting) => {
    waiting.settled = true;
    if (--unsettled > 0) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    queue = [];
    head = 0;
  };
  function expire() {
    timer = undefined;
    const now = performance.now();
    for (; head < queue.length; head++) {
      const waiting = queue[head] as Waiting;
      if (waiting.settled) continue;
      if (waiting.deadline > now) return arm(waiting.deadline);
      settle(waiting);
      waiting.fail(timedOut());
      if (unsettled === 0) return; // settle() emptied the queue
    }
  }
  const enqueue = (waiting: Waiting) => {
    if (head > 1024 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
    queue.push(waiting);
    unsettled++;
    if (timer === undefined) arm(waiting.deadline);
  };

  return (answer, onValue, onError) =>
    new Promise((resolve, reject) => {
      const waiting: Waiting = {
        deadline: performance.now() + timeoutMs,
        settled: false,
        fail: (error) => {
          try {
            resolve(onError(error));
          } catch (thrown) {
            reject(thrown);
          }
        },
      };
      enqueue(waiting);
      const failed = (error: unknown) => {
        if (waiting.settled) return;
        settle(waiting);
        waiting.fail(error);
      };
      try {
        answer.then((value) => {
          if (waiting.settled) return;
          settle(waiting);
          try {
            resolve(onValue(value));
          } catch (thrown) {
            reject(thrown);
          }
        }, failed);
      } catch (error) {
        failed(error); // a thenable whose `then` throws
      }
    });
}
