import { ConfigurationError, ForeignDomainError } from '../errors.js';
import { normalizeDomain, normalizeJid, requireJid } from '../normalize-jid.js';
import type { VerifyFailure } from '../verify-result.js';
import { FAILURES } from './failures.js';
import { nodeprep } from './nodeprep.js';

/** The domains an instance serves, resolved once ({@link resolveServedDomains}). */
export interface ServedDomains {
  readonly domain: string | undefined;
  readonly domains: readonly string[];
}

/**
 * `domain` and `domains` validated and lowercased: the completing domain, and every domain served
 * (`domain` first, each once). Fail-safe: with neither, a secret shared by several VirtualHosts
 * (or apps) would let this app accept logins for all of them, so one must be named.
 */
export function resolveServedDomains(domainOption: unknown, domainsOption: unknown): ServedDomains {
  const domain = hostName(domainOption, 'domain');
  if (domainsOption !== undefined && !Array.isArray(domainsOption)) {
    throw new ConfigurationError('domains must be a list of host names');
  }
  const listed = ((domainsOption ?? []) as unknown[]).map(
    (item, i) => hostName(item, `domains[${i}]`) as string,
  );
  const domains = [...new Set(domain === undefined ? listed : [domain, ...listed])];
  if (domains.length === 0) {
    throw new ConfigurationError(
      'domain is required: the Prosody VirtualHost of your users (or `domains: [...]` for several)',
    );
  }
  return { domain, domains: Object.freeze(domains) };
}

function hostName(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  const domain = typeof value === 'string' ? normalizeDomain(value) : undefined;
  if (domain === undefined)
    throw new ConfigurationError(`${name} must be a host name such as "example.com"`);
  return domain;
}

/**
 * True when a normalized bare JID's domain is one of `domains` (lowercased). Compares lengths and
 * suffixes rather than slicing, so the verify path allocates nothing for it.
 */
export function servesJid(jid: string, domains: readonly string[]): boolean {
  const hostLength = jid.length - jid.indexOf('@') - 1;
  for (const domain of domains) {
    if (domain.length === hostLength && jid.endsWith(domain)) return true;
  }
  return false;
}

/**
 * The normalized JID to mint for, or a throw: {@link InvalidJidError} for an identity Prosody
 * would refuse, {@link ForeignDomainError} for a domain this app does not serve.
 */
export function requireServedJid(user: string, served: ServedDomains): string {
  const jid = requireJid(user, served.domain);
  if (!servesJid(jid, served.domains)) {
    throw new ForeignDomainError(
      'the JID is of a domain this app does not serve: add it to the `domains` option to mint for it',
    );
  }
  return jid;
}

/**
 * The verify side of the same rules: a user's normalized JID if its domain is served, else the
 * failure (`bad_jid`, `foreign_domain`). A localpart is completed with `@domain`, built once here
 * (the configured domain is already normalized and served), so the common case costs a nodeprep
 * check and one concatenation.
 */
export function createServedJidResolver(
  served: ServedDomains,
): (user: string) => string | VerifyFailure {
  const suffix = served.domain === undefined ? undefined : `@${served.domain}`;
  return (user) => {
    if (suffix !== undefined && !user.includes('@')) {
      const local = nodeprep(user);
      return local === undefined ? FAILURES.bad_jid : local + suffix;
    }
    const jid = normalizeJid(user);
    if (jid === undefined) return FAILURES.bad_jid;
    // Before the signature: another VirtualHost sharing the secret must not log users in here.
    return servesJid(jid, served.domains) ? jid : FAILURES.foreign_domain;
  };
}

/**
 * The mint side: {@link createServedJidResolver}'s fast path for a usable identity, and
 * {@link requireServedJid}'s precise error for any other.
 */
export function createServedJidRequirer(served: ServedDomains): (user: string) => string {
  const resolve = createServedJidResolver(served);
  return (user) => {
    const jid = typeof user === 'string' ? resolve(user) : undefined;
    return typeof jid === 'string' ? jid : requireServedJid(user, served);
  };
}
