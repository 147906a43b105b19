import { ForeignDomainError } from '../errors.js';
import { requireJid } from '../normalize-jid.js';

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
export function requireServedJid(
  user: string,
  served: { readonly domain: string | undefined; readonly domains: readonly string[] },
): string {
  const jid = requireJid(user, served.domain);
  if (!servesJid(jid, served.domains)) {
    throw new ForeignDomainError(
      'the JID is of a domain this app does not serve: add it to the `domains` option to mint for it',
    );
  }
  return jid;
}
