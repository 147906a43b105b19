// The same rule as xmpp.js's `isSecure` (and browsers' secure contexts): TLS, or this machine.
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * True when `service` (absolute, or relative to the page) is a `wss:`/`https:` URL or a loopback
 * one: a token is a password for its validity window, so it must not travel in clear text.
 */
export function isSecureEndpoint(service: unknown): boolean {
  if (typeof service !== 'string') return false;
  let url: URL;
  try {
    url = new URL(service, pageLocation());
  } catch {
    return false;
  }
  if (url.protocol === 'wss:' || url.protocol === 'https:') return true;
  return LOOPBACK_HOSTS.has(url.hostname) || url.hostname.endsWith('.localhost');
}

function pageLocation(): string | undefined {
  const { location } = globalThis as { location?: { href?: unknown } };
  return typeof location?.href === 'string' ? location.href : undefined;
}
