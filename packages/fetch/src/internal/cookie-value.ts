/**
 * One cookie's value from a `Cookie` request header, as cookie-parser and Hono's `getCookie` read
 * it: the first pair with that name, surrounding quotes removed (RFC 6265 `cookie-value`), and
 * percent-decoding applied when it is valid (a value that fails to decode is kept as sent).
 */
export function cookieValue(header: string | null, name: string): string | undefined {
  if (header === null) return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq !== -1 && pair.slice(0, eq).trim() === name) return decode(unquote(pair.slice(eq + 1)));
  }
  return undefined;
}

function unquote(raw: string): string {
  const value = raw.trim();
  return value.length > 1 && value.startsWith('"') && value.endsWith('"')
    ? value.slice(1, -1)
    : value;
}

function decode(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
