import type { TlsDetails } from '../xmpp/sockets.js';
import { childOf, NS, type XmlElement } from '../xmpp/xml-element.js';
import { XmppFailure } from '../xmpp/xmpp-failure.js';
import type { XmppSession } from '../xmpp/xmpp-session.js';

/**
 * The stream features, or undefined when the server had none to offer: Prosody then ends the
 * stream (undefined-condition, "No stream features to proceed with") instead of sending them.
 */
export async function featuresOrNone(session: XmppSession): Promise<XmlElement | undefined> {
  try {
    return await session.openStream();
  } catch (error) {
    const none =
      error instanceof XmppFailure &&
      error.kind === 'stream-error' &&
      error.condition === 'undefined-condition' &&
      error.text === 'No stream features to proceed with';
    if (none) return undefined;
    throw error;
  }
}

/** SASL mechanisms offered, in the server's order. */
export function mechanismsOf(features: XmlElement | undefined): string[] {
  const mechanisms = features && childOf(features, 'mechanisms', NS.sasl);
  return (mechanisms?.children ?? [])
    .filter((c) => c.name === 'mechanism')
    .map((c) => c.text.trim());
}

export function describeFeatures(features: XmlElement | undefined): string {
  if (features === undefined)
    return 'none: the server ended the stream ("No stream features to proceed with")';
  const mechanisms = mechanismsOf(features);
  const starttls = childOf(features, 'starttls', NS.tls) === undefined ? [] : ['STARTTLS'];
  const sasl = mechanisms.length === 0 ? [] : [`SASL ${mechanisms.join(', ')}`];
  return [...starttls, ...sasl].join('; ') || 'no STARTTLS, no SASL mechanism';
}

export function describeTls(details: TlsDetails): string {
  const check = details.verified
    ? 'certificate verified'
    : `certificate NOT verified (${details.verifyError ?? 'unknown'}), accepted for --insecure`;
  return `${details.protocol}, ${check}`;
}
