// A token: 40 digits, a space, a padded base64 HMAC-SHA256 (44 characters).
const TOKEN_SHAPE = /\d{40} [A-Za-z0-9+/]{43}=/g;
// Terminal control characters a server's text could carry (ANSI escapes, carriage returns).
// eslint-disable-next-line no-control-regex -- matching them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * A copy of `value` whose strings hold none of `sensitive` (secrets, seeds, tokens, SASL
 * responses), nothing shaped like a token, and no control character: what the probe prints
 * includes texts chosen by the server, and the server was sent a token.
 */
export function redact<T>(value: T, sensitive: readonly string[]): T {
  const secrets = sensitive.filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  const clean = (text: string) =>
    secrets
      .reduce((out, secret) => out.split(secret).join('[redacted]'), text)
      .replace(TOKEN_SHAPE, '[redacted]')
      .replace(CONTROL, '');
  const walk = (item: unknown): unknown => {
    if (typeof item === 'string') return clean(item);
    if (Array.isArray(item)) return item.map(walk);
    if (typeof item === 'object' && item !== null) {
      return Object.fromEntries(Object.entries(item).map(([key, entry]) => [key, walk(entry)]));
    }
    return item;
  };
  return walk(value) as T;
}
