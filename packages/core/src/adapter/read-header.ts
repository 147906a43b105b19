/**
 * A header from Node's `IncomingHttpHeaders` (lower-case names): the first value if repeated,
 * undefined if absent (where Koa's `ctx.get` answers '').
 */
export function readHeader(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  name: string,
): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
