// Stanzas of @xmpp/client 0.14, which ships no types: what these tests use beyond the login part
// declared in packages/client/test/helpers/xmpp-client.d.ts (the two declarations merge).
declare module '@xmpp/client' {
  interface XmppElement {
    readonly name: string;
    readonly attrs: Readonly<Record<string, string | undefined>>;
    getChild(name: string): XmppElement | undefined;
    getChildText(name: string): string | null;
  }

  interface XmppClient {
    send(element: XmppElement): Promise<void>;
    on(event: 'stanza', listener: (stanza: XmppElement) => void): this;
  }

  export function xml(
    name: string,
    attrs?: Readonly<Record<string, string>>,
    ...children: (XmppElement | string)[]
  ): XmppElement;
}
