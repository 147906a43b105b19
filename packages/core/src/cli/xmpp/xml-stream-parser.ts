import { NS, type XmlElement } from './xml-element.js';
import { nextToken, XmlSyntaxError, type XmlToken } from './xml-tokens.js';

/**
 * `stream`: one `<stream:stream>` root whose children are the elements (XMPP over TCP, RFC 6120).
 * `messages`: every top-level element is one (XMPP over WebSocket, RFC 7395: `<open/>`, ...).
 */
export type XmlFraming = 'stream' | 'messages';

/** What the parser reports, in order. */
export interface XmlStreamEvents {
  /** TCP framing: the `<stream:stream>` header (no children). */
  onStreamOpen(header: XmlElement): void;
  /** A complete top-level element (a child of the stream root on TCP). */
  onElement(element: XmlElement): void;
  /** TCP framing: `</stream:stream>`. */
  onStreamClose(): void;
}

/** Fed text as it arrives; throws {@link XmlSyntaxError} for anything not well-formed. */
export interface XmlStreamParser {
  write(text: string): void;
}

// A server cannot make the probe buffer without bound, nor recurse deeper than this.
const MAX_PENDING_CHARS = 1 << 20;
const MAX_DEPTH = 64;

interface OpenElement {
  readonly qname: string;
  readonly name: string;
  readonly ns: string;
  readonly attrs: Record<string, string>;
  readonly children: XmlElement[];
  text: string;
  readonly scope: ReadonlyMap<string, string>;
}

const ROOT_SCOPE: ReadonlyMap<string, string> = new Map([
  ['xml', 'http://www.w3.org/XML/1998/namespace'],
]);

/** A streaming parser of XMPP's restricted XML, which input may cut at any character. */
export function createXmlStreamParser(
  framing: XmlFraming,
  events: XmlStreamEvents,
): XmlStreamParser {
  let buffer = '';
  const open: OpenElement[] = [];
  // On TCP the stream root stays open: elements are complete one level deeper.
  const topDepth = framing === 'stream' ? 1 : 0;

  const handle = (token: XmlToken): void => {
    if (token.kind === 'text') {
      const parent = open.at(-1);
      if (parent !== undefined && open.length > topDepth) parent.text += token.text;
      else if (token.text.trim() !== '') throw new XmlSyntaxError('text outside an element');
    } else if (token.kind === 'start') {
      start(token.name, token.attrs, token.selfClosing);
    } else if (token.kind === 'end') {
      end(token.name);
    }
  };

  const start = (qname: string, attrs: readonly (readonly [string, string])[], empty: boolean) => {
    if (open.length >= MAX_DEPTH) throw new XmlSyntaxError('elements nested too deeply');
    const element = openElement(qname, attrs, open.at(-1)?.scope ?? ROOT_SCOPE);
    if (framing === 'stream' && open.length === 0) {
      if (element.name !== 'stream' || element.ns !== NS.streams) {
        throw new XmlSyntaxError(`<${qname}> where <stream:stream> was expected`);
      }
      if (empty) throw new XmlSyntaxError('an empty <stream:stream/>');
      events.onStreamOpen(seal(element));
    }
    open.push(element);
    if (empty) end(qname);
  };

  const end = (qname: string) => {
    const element = open.pop();
    if (element === undefined || element.qname !== qname) {
      throw new XmlSyntaxError(`</${qname}> does not close the open element`);
    }
    if (framing === 'stream' && open.length === 0) return events.onStreamClose();
    const parent = open.at(-1);
    if (open.length > topDepth && parent !== undefined) parent.children.push(seal(element));
    else events.onElement(seal(element));
  };

  return {
    write(text) {
      buffer += text;
      let at = 0;
      for (let next = nextToken(buffer, at); next !== undefined; next = nextToken(buffer, at)) {
        at = next.end;
        handle(next.token);
      }
      buffer = buffer.slice(at);
      // Outside any element only whitespace may wait for a `<` (a peer that is not XMPP fails now).
      if (open.length <= topDepth && /^\s*[^\s<]/.test(buffer)) {
        throw new XmlSyntaxError('text outside an element');
      }
      if (buffer.length > MAX_PENDING_CHARS) throw new XmlSyntaxError('an element too large');
    },
  };
}

function openElement(
  qname: string,
  pairs: readonly (readonly [string, string])[],
  parentScope: ReadonlyMap<string, string>,
): OpenElement {
  const attrs = Object.fromEntries(pairs);
  const scope = new Map(parentScope);
  for (const [name, value] of pairs) {
    if (name === 'xmlns') scope.set('', value);
    else if (name.startsWith('xmlns:')) scope.set(name.slice(6), value);
  }
  const colon = qname.indexOf(':');
  const prefix = colon === -1 ? '' : qname.slice(0, colon);
  const ns = scope.get(prefix);
  if (ns === undefined && prefix !== '') throw new XmlSyntaxError(`an unbound prefix ${prefix}`);
  const name = qname.slice(colon + 1);
  return { qname, name, ns: ns ?? '', attrs, children: [], text: '', scope };
}

function seal({ name, ns, attrs, children, text }: OpenElement): XmlElement {
  return { name, ns, attrs, children, text };
}
