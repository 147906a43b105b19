import { InvalidJidError } from './errors.js';
import { nodeprep } from './internal/nodeprep.js';

const DOMAIN = /^[^\s@/"&'<>:]+$/u;
// A JID already in normal form (the common case): nothing to map, returned as it is.
const NORMAL_ASCII_JID = /^[a-z0-9._\-+!#$%*=?^`{|}~]{1,1023}@[a-z0-9.-]{1,1023}$/;

/**
 * The bare JID Prosody signs for: a localpart (completed with `domain`) or `local@domain`, with
 * the localpart nodeprepped (`Alice` -> `alice`, `Straße` -> `strasse`) and the domain lowercased.
 * Returns undefined for anything Prosody would refuse.
 */
export function normalizeJid(user: string, domain?: string): string | undefined {
  if (typeof user !== 'string') return undefined;
  if (NORMAL_ASCII_JID.test(user)) return user;
  const at = user.indexOf('@');
  const local = nodeprep(at === -1 ? user : user.slice(0, at));
  const host = normalizeDomain(at === -1 ? domain : user.slice(at + 1));
  return local === undefined || host === undefined ? undefined : `${local}@${host}`;
}

/** Like {@link normalizeJid}, but throws an {@link InvalidJidError} that says what is wrong. */
export function requireJid(user: string, domain?: string): string {
  const jid = normalizeJid(user, domain);
  if (jid !== undefined) return jid;
  if (typeof user === 'string' && !user.includes('@') && domain === undefined) {
    throw new InvalidJidError('a bare localpart needs the `domain` option (or pass local@domain)');
  }
  throw new InvalidJidError(
    'not a valid bare JID: Prosody nodeprep refuses the localpart or domain',
  );
}

/** The domain part lowercased, or undefined when missing or not a plausible hostname. */
export function normalizeDomain(domain: string | undefined): string | undefined {
  if (domain === undefined || domain.length === 0 || domain.length > 1023) return undefined;
  const lower = domain.toLowerCase();
  return DOMAIN.test(lower) ? lower : undefined;
}
