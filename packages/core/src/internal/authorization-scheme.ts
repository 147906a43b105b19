const SCHEME = 'x-token';
const SPACE = 0x20;

/**
 * True when `value` is of the X-TOKEN scheme: `X-TOKEN` in any case, then a space or nothing.
 * Compared a character at a time: no regex, no lower-cased copy of the header.
 */
export function isXTokenScheme(value: unknown): value is string {
  if (typeof value !== 'string' || value.length < SCHEME.length) return false;
  for (let i = 0; i < SCHEME.length; i++) {
    const code = value.charCodeAt(i);
    // ASCII letters only are folded ('\r' | 0x20 would pass for '-').
    const lower = code >= 0x41 && code <= 0x5a ? code | 0x20 : code;
    if (lower !== SCHEME.charCodeAt(i)) return false;
  }
  return value.length === SCHEME.length || value.charCodeAt(SCHEME.length) === SPACE;
}

/**
 * What follows the scheme of an X-TOKEN value, without the spaces around it (maybe nothing, which
 * decodes to no credentials). Its base64 is checked where it is decoded (a canonical round trip).
 */
export function authorizationPayload(value: string): string {
  let start = SCHEME.length;
  let end = value.length;
  while (start < end && value.charCodeAt(start) === SPACE) start++;
  while (end > start && value.charCodeAt(end - 1) === SPACE) end--;
  return value.slice(start, end);
}
