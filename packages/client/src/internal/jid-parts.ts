// local@domain with an optional /resource; no spaces, at most one @ before the resource.
const JID = /^([^@/\s]+)@([^@/\s]+)(?:\/.*)?$/su;

/** The localpart (the SASL authcid) and domain of a JID, or undefined if it has no localpart. */
export function jidParts(jid: string): { local: string; domain: string } | undefined {
  const match = JID.exec(jid);
  return match === null ? undefined : { local: match[1] as string, domain: match[2] as string };
}
