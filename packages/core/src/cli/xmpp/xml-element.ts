/** A parsed XML element with its namespace resolved: enough of a DOM for XMPP's replies. */
export interface XmlElement {
  /** The local name (`features` for `<stream:features>`). */
  readonly name: string;
  /** The namespace URI the element's prefix (or the default namespace) is bound to. */
  readonly ns: string;
  /** Attributes as written (`xmlns` declarations included), values unescaped. */
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The character data directly inside, concatenated. */
  readonly text: string;
}

export const NS = {
  streams: 'http://etherx.jabber.org/streams',
  framing: 'urn:ietf:params:xml:ns:xmpp-framing',
  tls: 'urn:ietf:params:xml:ns:xmpp-tls',
  sasl: 'urn:ietf:params:xml:ns:xmpp-sasl',
  bind: 'urn:ietf:params:xml:ns:xmpp-bind',
  streamErrors: 'urn:ietf:params:xml:ns:xmpp-streams',
  stanzaErrors: 'urn:ietf:params:xml:ns:xmpp-stanzas',
  client: 'jabber:client',
} as const;

/** Whether `element` is `{ns}name`. */
export function isElement(element: XmlElement, name: string, ns: string): boolean {
  return element.name === name && element.ns === ns;
}

/** The first child `{ns}name`, if any. */
export function childOf(element: XmlElement, name: string, ns: string): XmlElement | undefined {
  return element.children.find((child) => isElement(child, name, ns));
}

/**
 * The defined condition of a stream error, SASL failure or stanza error: the first child in the
 * condition namespace `ns` that is not `<text>`, and the `<text>`, if any.
 */
export function conditionOf(
  element: XmlElement,
  ns: string,
): { readonly condition: string; readonly text?: string } {
  const condition = element.children.find((c) => c.ns === ns && c.name !== 'text');
  const text = childOf(element, 'text', ns)?.text;
  return {
    condition: condition?.name ?? 'undefined-condition',
    ...(text === undefined || text === '' ? {} : { text }),
  };
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escapes text for XML character data and attribute values (either quote). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}
