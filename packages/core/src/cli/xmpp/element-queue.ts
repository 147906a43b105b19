import type { XmlElement } from './xml-element.js';
import { XmppFailure } from './xmpp-failure.js';

/** The elements received and not yet consumed, and the failure that ended the stream, if any. */
export interface ElementQueue {
  push(element: XmlElement): void;
  /** The stream is over: waits reject with the first failure (after what arrived before it). */
  fail(failure: XmppFailure): void;
  /** Drops what was not consumed (a stream restart). */
  clear(): void;
  /**
   * Resolves the first element that matches, consuming it and what came before; rejects with the
   * stream's failure, or a `timeout` {@link XmppFailure} naming `what` after `timeoutMs`.
   */
  expect(match: (element: XmlElement) => boolean, what: string): Promise<XmlElement>;
}

export function createElementQueue(timeoutMs: number): ElementQueue {
  let queue: XmlElement[] = [];
  let failure: XmppFailure | undefined;
  // One wait at a time: the session sends a request, then waits for its answer.
  let wake = (): void => undefined;
  return {
    push(element) {
      queue.push(element);
      wake();
    },
    fail(error) {
      failure ??= error;
      wake();
    },
    clear() {
      queue = [];
    },
    expect: (match, what) =>
      new Promise<XmlElement>((resolve, reject) => {
        const timer = setTimeout(() => {
          wake = () => undefined;
          reject(new XmppFailure('timeout', `no ${what} within ${timeoutMs} ms`));
        }, timeoutMs);
        const check = () => {
          const index = queue.findIndex(match);
          const found = queue[index];
          if (found === undefined && failure === undefined) return;
          clearTimeout(timer);
          wake = () => undefined;
          if (found === undefined) return reject(failure);
          queue = queue.slice(index + 1);
          resolve(found);
        };
        wake = check;
        check();
      }),
  };
}
