// The probe's XML parser (CLI internals): Prosody's framing, cut anywhere, and what it refuses.
import { describe, expect, it } from 'vitest';
import type { XmlElement } from '../src/cli/xmpp/xml-element.js';
import { createXmlStreamParser, type XmlFraming } from '../src/cli/xmpp/xml-stream-parser.js';

function parse(framing: XmlFraming, chunks: readonly string[]) {
  const events: (string | XmlElement)[] = [];
  const parser = createXmlStreamParser(framing, {
    onStreamOpen: (header) => events.push(`open ${header.attrs.id ?? ''}`),
    onElement: (element) => events.push(element),
    onStreamClose: () => events.push('close'),
  });
  for (const chunk of chunks) parser.write(chunk);
  return events;
}

// What Prosody 0.12 sends on c2s: declaration, header, features, a SASL failure, a stream error.
const PROSODY_C2S =
  "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xml:lang='en' id='s1' " +
  "xmlns:stream='http://etherx.jabber.org/streams' from='localhost' version='1.0'>" +
  "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>" +
  "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>X-TOKEN</mechanism></mechanisms>" +
  '</stream:features>\n ' +
  "<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/><text>a &lt;b&gt; &amp; &#x263A;&#9731;</text></failure>" +
  "<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>";

describe('createXmlStreamParser', () => {
  it('parses a Prosody c2s stream, with namespaces resolved and entities decoded', () => {
    const events = parse('stream', [PROSODY_C2S]);
    expect(events[0]).toBe('open s1');
    expect(events.at(-1)).toBe('close');
    const [features, failure, error] = events.slice(1, -1) as XmlElement[];
    expect(features).toMatchObject({ name: 'features', ns: 'http://etherx.jabber.org/streams' });
    expect(features?.children.map((c) => [c.name, c.ns])).toEqual([
      ['starttls', 'urn:ietf:params:xml:ns:xmpp-tls'],
      ['mechanisms', 'urn:ietf:params:xml:ns:xmpp-sasl'],
    ]);
    expect(features?.children[1]?.children[0]).toMatchObject({
      name: 'mechanism',
      text: 'X-TOKEN',
    });
    expect(failure?.children[1]?.text).toBe('a <b> & ☺☃');
    expect(error?.children[0]).toMatchObject({
      name: 'host-unknown',
      ns: 'urn:ietf:params:xml:ns:xmpp-streams',
    });
  });

  it('gives the same result whatever the chunking, one character at a time included', () => {
    const whole = JSON.stringify(parse('stream', [PROSODY_C2S]));
    for (const size of [1, 2, 3, 7, 64]) {
      const chunks = PROSODY_C2S.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? [];
      expect(JSON.stringify(parse('stream', chunks)), `chunks of ${size}`).toBe(whole);
    }
  });

  it('WebSocket framing (RFC 7395): each message is a top-level element', () => {
    const events = parse('messages', [
      '<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" from="localhost" id="w1" version="1.0"/>',
      '<stream:features xmlns:stream="http://etherx.jabber.org/streams"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"/></stream:features>',
      '<iq xmlns="jabber:client" type="result" id="b"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><jid>a@b/c</jid></bind></iq>',
      '<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>',
    ]) as XmlElement[];
    expect(events.map((e) => `${e.ns} ${e.name}`)).toEqual([
      'urn:ietf:params:xml:ns:xmpp-framing open',
      'http://etherx.jabber.org/streams features',
      'jabber:client iq',
      'urn:ietf:params:xml:ns:xmpp-framing close',
    ]);
    expect(events[2]?.children[0]?.children[0]?.text).toBe('a@b/c');
  });

  it('keeps ">" and the other quote inside attribute values, and CDATA as text', () => {
    const [element] = parse('messages', [
      `<a x='1>2 "q"' y="it's"><![CDATA[<not markup> & ]]></a>`,
    ]) as XmlElement[];
    expect(element?.attrs).toEqual({ x: '1>2 "q"', y: "it's" });
    expect(element?.text).toBe('<not markup> & ');
  });

  it.each([
    ['a mismatched end tag', '<a><b></a>'],
    ['an unbound prefix', '<x:a/>'],
    ['a stray ampersand', '<a>fish & chips</a>'],
    ['an unknown entity', '<a>&nbsp;</a>'],
    ['a DTD', '<!DOCTYPE a [<!ENTITY e "boom">]><a/>'],
    ['"<" in an attribute value', '<a b="<"/>'],
    ['a repeated attribute', '<a b="1" b="2"/>'],
    ['text outside any element', 'HTTP/1.1 400 Bad Request\r\n\r\n'],
    ['a character reference to NUL', '<a>&#0;</a>'],
  ])('refuses %s', (_, input) => {
    expect(() => parse('messages', [input])).toThrow();
  });

  it('on TCP, refuses a first element that is not <stream:stream>', () => {
    expect(() => parse('stream', ['<html>'])).toThrow('where <stream:stream> was expected');
    expect(() => parse('stream', ["<stream xmlns='http://etherx.jabber.org/streams'/>"])).toThrow();
  });

  it('bounds what it buffers and how deep elements nest', () => {
    expect(() => parse('messages', [`<a b="${'x'.repeat(1 << 20)}`])).toThrow('too large');
    expect(() => parse('messages', ['<a>'.repeat(100)])).toThrow('nested too deeply');
  });
});
