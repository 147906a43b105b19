/**
 * A cookie from a jar: a record of parsed values (cookie-parser's `req.cookies`, already
 * percent-decoded) or an object with `get(name)` returning the raw value (Koa's `ctx.cookies`,
 * which koa-passport passes as `req.cookies`), decoded here the way cookie-parser decodes, so one
 * extractor reads one cookie the same way in every framework.
 */
export function readCookie(jar: unknown, name: string): string | undefined {
  const value = rawCookie(jar, name);
  return typeof value === 'string' ? value : undefined;
}

/**
 * The value a jar holds for `name`, decoded if it came from a `get(name)` jar; not a string for
 * cookie-parser's failed signatures (`false`), so that a caller can tell "forged" from "absent".
 */
export function rawCookie(jar: unknown, name: string): unknown {
  if (typeof jar !== 'object' || jar === null) return undefined;
  const { get } = jar as { get?: unknown };
  if (typeof get !== 'function') return (jar as Record<string, unknown>)[name];
  const value: unknown = get.call(jar, name);
  return typeof value === 'string' ? decodeCookieValue(value) : undefined;
}

// As the `cookie` package (cookie-parser, Express) does: decodeURIComponent when there is a '%',
// and the raw value when it is not valid percent-encoding.
function decodeCookieValue(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
