/** Where a command writes: stdout and stderr, replaceable in tests. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}
