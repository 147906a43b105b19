import type { Socket } from 'node:net';
import type { Channel, ChannelEvents } from './channel.js';
import { createElementQueue } from './element-queue.js';
import { childOf, conditionOf, escapeXml, isElement, NS, type XmlElement } from './xml-element.js';
import { createXmlStreamParser, type XmlStreamParser } from './xml-stream-parser.js';
import { asFailure, XmppFailure } from './xmpp-failure.js';

/** The server's answer to `<auth/>`. */
export type SaslOutcome =
  | { readonly success: true }
  | { readonly success: false; readonly condition: string; readonly text?: string };

/** The answer to a resource binding request. */
export type BindOutcome =
  | { readonly bound: true; readonly jid: string }
  | { readonly bound: false; readonly condition: string; readonly text?: string };

/**
 * One client stream to `domain` over whatever channel is attached (a STARTTLS handshake attaches a
 * new one). Every wait rejects with an {@link XmppFailure}: a stream error, the connection ending,
 * input that is not XMPP, or `timeoutMs` without the awaited answer.
 */
export interface XmppSession {
  /** Handlers to create the channel with, before {@link attach}. */
  readonly events: ChannelEvents;
  attach(channel: Channel): void;
  /** Sends the stream header (or RFC 7395 `<open/>`) and resolves the stream features. */
  openStream(): Promise<XmlElement>;
  /** `<starttls/>`; once the server says `<proceed/>`, the socket to run the handshake on. */
  startTls(): Promise<Socket>;
  /** `<auth mechanism=...>` with a base64 initial response. */
  authenticate(mechanism: string, initialResponse: string): Promise<SaslOutcome>;
  /** Resource binding with a resource the server picks. */
  bind(): Promise<BindOutcome>;
  /** Closes the stream, then the connection. */
  close(): void;
}

export function createXmppSession(domain: string, timeoutMs: number): XmppSession {
  let channel: Channel | undefined;
  let parser: XmlStreamParser | undefined;
  const inbox = createElementQueue(timeoutMs);
  const receive = (element: XmlElement) => {
    if (isElement(element, 'error', NS.streams)) {
      const { condition, text } = conditionOf(element, NS.streamErrors);
      inbox.fail(
        new XmppFailure('stream-error', `stream error: ${condition}`, { condition, text }),
      );
    } else if (isElement(element, 'close', NS.framing)) {
      inbox.fail(new XmppFailure('closed', 'the server closed the stream'));
    } else {
      inbox.push(element);
    }
  };
  const closedStream = () => inbox.fail(new XmppFailure('closed', 'the server closed the stream'));
  const events: ChannelEvents = {
    onText(text) {
      try {
        parser?.write(text);
      } catch (error) {
        inbox.fail(new XmppFailure('not-xmpp', `the server sent ${(error as Error).message}`));
        channel?.close();
      }
    },
    onEnd: (error) =>
      inbox.fail(
        error === undefined
          ? new XmppFailure('closed', 'the server closed the connection')
          : asFailure(error, 'closed'),
      ),
  };
  const expect = inbox.expect;

  const send = (text: string) => channel?.send(text);

  return {
    events,
    attach(next) {
      channel = next;
    },
    async openStream() {
      inbox.clear();
      const messages = channel?.framing === 'messages';
      parser = createXmlStreamParser(messages ? 'messages' : 'stream', {
        onStreamOpen: () => undefined,
        onElement: receive,
        onStreamClose: closedStream,
      });
      const to = escapeXml(domain);
      send(
        messages
          ? `<open xmlns='${NS.framing}' to='${to}' version='1.0' xml:lang='en'/>`
          : `<?xml version='1.0'?><stream:stream xmlns='${NS.client}' xmlns:stream='${NS.streams}' to='${to}' version='1.0' xml:lang='en'>`,
      );
      return expect((e) => isElement(e, 'features', NS.streams), 'stream features');
    },
    async startTls() {
      send(`<starttls xmlns='${NS.tls}'/>`);
      const answer = await expect((e) => e.ns === NS.tls, 'answer to STARTTLS');
      if (answer.name !== 'proceed' || channel === undefined) {
        throw new XmppFailure('tls', 'the server refused STARTTLS', { condition: answer.name });
      }
      return channel.detach();
    },
    async authenticate(mechanism, initialResponse) {
      send(
        `<auth xmlns='${NS.sasl}' mechanism='${escapeXml(mechanism)}'>${initialResponse}</auth>`,
      );
      const answer = await expect(
        (e) => e.ns === NS.sasl && (e.name === 'success' || e.name === 'failure'),
        'SASL answer',
      );
      return answer.name === 'success'
        ? { success: true }
        : { success: false, ...conditionOf(answer, NS.sasl) };
    },
    async bind() {
      send(`<iq xmlns='${NS.client}' type='set' id='probe-bind'><bind xmlns='${NS.bind}'/></iq>`);
      const answer = await expect(
        (e) => isElement(e, 'iq', NS.client) && e.attrs.id === 'probe-bind',
        'answer to resource binding',
      );
      const jid = childOf(answer, 'bind', NS.bind)?.children.find((c) => c.name === 'jid')?.text;
      if (answer.attrs.type === 'result' && jid) return { bound: true, jid };
      const error = childOf(answer, 'error', NS.client);
      return { bound: false, ...conditionOf(error ?? answer, NS.stanzaErrors) };
    },
    close() {
      send(channel?.framing === 'messages' ? `<close xmlns='${NS.framing}'/>` : '</stream:stream>');
      channel?.close();
    },
  };
}
