const STREAM_ERROR = /<(?:stream:)?error\b[^>]*>([\s\S]*?)<\/(?:stream:)?error>/;

/** Text received from the server, consumed by pattern: enough XML for Prosody's replies. */
export interface Inbox {
  push(text: string): void;
  /** The connection ended: pending and later waits reject with `reason`. */
  end(reason: string): void;
  /** Drops unread text (a stream restart). */
  clear(): void;
  /** Resolves the first match of `pattern` and consumes the text up to its end. */
  waitFor(pattern: RegExp, what: string, timeoutMs: number): Promise<RegExpExecArray>;
}

export function createInbox(): Inbox {
  let buffer = '';
  let ended: string | undefined;
  let wake = (): void => undefined;
  return {
    push(text) {
      buffer += text;
      wake();
    },
    end(reason) {
      ended ??= reason;
      wake();
    },
    clear() {
      buffer = '';
    },
    waitFor: (pattern, what, timeoutMs) =>
      new Promise((resolve, reject) => {
        const settle = (finish: () => void) => {
          clearTimeout(timer);
          wake = () => undefined;
          finish();
        };
        const check = () => {
          const match = pattern.exec(buffer);
          const error = STREAM_ERROR.exec(buffer);
          if (match !== null) {
            buffer = buffer.slice(match.index + match[0].length);
            settle(() => resolve(match));
          } else if (error !== null) {
            settle(() => reject(new Error(`stream error: ${conditionOf(error[1] ?? '')}`)));
          } else if (ended !== undefined) {
            settle(() => reject(new Error(`${ended} while waiting for ${what}`)));
          }
        };
        const timer = setTimeout(
          () => settle(() => reject(new Error(`no ${what} within ${timeoutMs} ms`))),
          timeoutMs,
        );
        wake = check;
        check();
      }),
  };
}

/** The name of the first child element that is not `<text>` (a SASL or stream condition). */
export function conditionOf(content: string): string {
  for (const [, name] of content.matchAll(/<([A-Za-z][\w:-]*)/g)) {
    if (name !== undefined && name !== 'text') return name;
  }
  return 'undefined-condition';
}
