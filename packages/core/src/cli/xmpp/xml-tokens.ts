/** Raised for input that is not the restricted XML of RFC 6120 section 11. */
export class XmlSyntaxError extends Error {}

/** One piece of markup or character data, names still prefixed. */
export type XmlToken =
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'start';
      readonly name: string;
      readonly attrs: readonly (readonly [string, string])[];
      readonly selfClosing: boolean;
    }
  | { readonly kind: 'end'; readonly name: string }
  | { readonly kind: 'ignored' };

const NAME = String.raw`[\p{L}_][\p{L}\p{N}_.\-\u00B7]*(?::[\p{L}_][\p{L}\p{N}_.\-\u00B7]*)?`;
const ATTRIBUTE = String.raw`(${NAME})\s*=\s*(?:"([^"<]*)"|'([^'<]*)')`;
const START_TAG = new RegExp(String.raw`^<(${NAME})((?:\s+${ATTRIBUTE})*)\s*(/?)>$`, 'u');
const ATTRIBUTES = new RegExp(ATTRIBUTE, 'gu');
const END_TAG = new RegExp(String.raw`^</(${NAME})\s*>$`, 'u');
const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));/g;
const PREDEFINED: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

/**
 * The next token of `buffer` at `from` and the index after it, or undefined when the buffer ends
 * inside it (more input needed). Character data stops at the next `<`, so an entity is never cut.
 */
export function nextToken(
  buffer: string,
  from: number,
): { readonly token: XmlToken; readonly end: number } | undefined {
  if (buffer[from] !== '<') {
    const lt = buffer.indexOf('<', from);
    if (lt === -1) return undefined;
    return { token: { kind: 'text', text: unescapeXml(buffer.slice(from, lt)) }, end: lt };
  }
  if (buffer.startsWith('<![CDATA[', from)) return section(buffer, from, ']]>', 9);
  // The XML declaration (and, tolerated though RFC 6120 forbids them, PIs and comments).
  if (buffer.startsWith('<?', from)) return ignored(buffer, from, '?>');
  if (buffer.startsWith('<!--', from)) return ignored(buffer, from, '-->');
  if (buffer.startsWith('<!', from)) throw new XmlSyntaxError('a DTD or entity declaration');
  const end = tagEnd(buffer, from);
  if (end === undefined) return undefined;
  return { token: parseTag(buffer.slice(from, end)), end };
}

function section(buffer: string, from: number, terminator: string, skip: number) {
  const close = buffer.indexOf(terminator, from);
  if (close === -1) return undefined;
  const text = buffer.slice(from + skip, close);
  return { token: { kind: 'text', text } as const, end: close + terminator.length };
}

function ignored(buffer: string, from: number, terminator: string) {
  const close = buffer.indexOf(terminator, from);
  if (close === -1) return undefined;
  return { token: { kind: 'ignored' } as const, end: close + terminator.length };
}

/** The index after the `>` closing the tag at `from`, skipping quoted attribute values. */
function tagEnd(buffer: string, from: number): number | undefined {
  let quote: string | undefined;
  for (let i = from + 1; i < buffer.length; i++) {
    const c = buffer[i];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '<') {
      throw new XmlSyntaxError('"<" inside a tag');
    } else if (c === '>') {
      return i + 1;
    }
  }
  return undefined;
}

function parseTag(tag: string): XmlToken {
  const end = END_TAG.exec(tag);
  if (end !== null) return { kind: 'end', name: end[1] ?? '' };
  const start = START_TAG.exec(tag);
  if (start === null) throw new XmlSyntaxError('a malformed tag');
  const attrs = [...(start[2] ?? '').matchAll(ATTRIBUTES)].map(
    ([, name = '', double, single]) => [name, unescapeXml(double ?? single ?? '')] as const,
  );
  if (new Set(attrs.map(([name]) => name)).size !== attrs.length) {
    throw new XmlSyntaxError('a repeated attribute');
  }
  return { kind: 'start', name: start[1] ?? '', attrs, selfClosing: start.at(-1) === '/' };
}

/** Resolves the five predefined entities and character references; any other `&` is an error. */
export function unescapeXml(text: string): string {
  if (!text.includes('&')) return text;
  if (text.replace(ENTITY, '').includes('&')) throw new XmlSyntaxError('a stray "&"');
  return text.replace(ENTITY, (_, name?: string, decimal?: string, hex?: string) => {
    if (name !== undefined) return PREDEFINED[name] ?? '';
    const code = decimal === undefined ? parseInt(hex ?? '', 16) : Number(decimal);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || code === 0) {
      throw new XmlSyntaxError('a character reference out of range');
    }
    return String.fromCodePoint(code);
  });
}
