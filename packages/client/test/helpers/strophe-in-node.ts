import { JSDOM } from 'jsdom';
import { WebSocket } from 'ws';
import type { StropheConnectionLike } from '@xmpp-token/client';

/** A Strophe.js mechanism instance, as far as the tests look at it. */
export interface StropheMechanism {
  readonly mechname: string;
  readonly isClientFirst: boolean;
  readonly priority: number;
  test(connection: StropheConnectionLike): boolean;
  onChallenge(connection: StropheConnectionLike): string;
}

/**
 * The part of Strophe.js 5 the tests use, typed here: its published .d.ts files import
 * extension-less paths, which `moduleResolution: NodeNext` cannot follow (everything is `any`).
 */
export interface StropheModule {
  readonly Strophe: {
    readonly SASLPlain: new (
      mechname?: string,
      isClientFirst?: boolean,
      priority?: number,
    ) => StropheMechanism;
    readonly Connection: new (
      service: string,
      options: { mechanisms: unknown[] },
    ) => {
      connect(
        jid: string,
        pass: string,
        callback: (status: number) => void,
        wait?: number,
        hold?: number,
        route?: string,
        authcid?: string,
      ): void;
      disconnect(reason?: string): void;
    };
    readonly Status: Readonly<Record<string, number>>;
    readonly LogLevel: Readonly<Record<'FATAL', number>>;
    setLogLevel(level: number): void;
  };
}

/**
 * Loads Strophe.js's BROWSER build over a jsdom window, with `ws` as WebSocket: the code that
 * runs in Converse.js. (Its Node build wants @xmldom/xmldom, which is not installed.)
 */
export async function loadStrophe(): Promise<StropheModule> {
  const { window } = new JSDOM('');
  Object.assign(globalThis, {
    DOMParser: window.DOMParser,
    XMLSerializer: window.XMLSerializer,
    document: window.document,
    WebSocket,
  });
  const url = new URL('../../node_modules/strophe.js/dist/strophe.esm.js', import.meta.url);
  const strophe = (await import(url.href)) as StropheModule;
  // Its INFO/ERROR lines (an expected AUTHFAIL, a closed socket) would only clutter test output.
  strophe.Strophe.setLogLevel(strophe.Strophe.LogLevel.FATAL);
  return strophe;
}
