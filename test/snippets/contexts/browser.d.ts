// The `browser` context (```js fragment=browser): a page (DOM, bundler resolution) with
// Converse.js loaded. Converse 14's own declarations leave its settings and `env` untyped, so
// `converse` is declared here from what it does at run time: `connection_options` goes
// unchanged to `new Strophe.Connection(url, options)` (Strophe.js 5's ConnectionOptions), whose
// `mechanisms` are classes it constructs (a name such as 'X-TOKEN' throws "Mechanism is not a
// constructor"), `env.Strophe` is its bundled Strophe, and `plugins.add(name, plugin)` registers
// a plugin.

interface ConverseSettings {
  readonly connection_options?: import('strophe.js').ConnectionOptions;
  readonly [setting: string]: unknown;
}

declare const converse: {
  initialize(settings: ConverseSettings): Promise<void>;
  readonly plugins: { add(name: string, plugin: object): void };
  readonly env: { readonly Strophe: typeof import('strophe.js').Strophe };
};

/** A Strophe `connect()` status callback. */
declare function onStatus(status: number): void;

// @xmpp/client 0.14 ships no declarations: the part the READMEs use.
declare module '@xmpp/client' {
  export function client(options: {
    service: string;
    domain?: string;
    credentials?: import('@xmpp-token/client').XmppJsCredentialsHandler;
  }): {
    readonly saslFactory: import('@xmpp-token/client').XmppJsSaslFactory;
    start(): Promise<unknown>;
    stop(): Promise<unknown>;
    on(event: 'error', listener: (error: Error) => void): unknown;
  };
}

// Converse's bundle as a page imports it (the demo serves converse.js/dist at /converse/).
declare module 'converse.js/dist/converse.min.js' {
  const bundled: typeof converse;
  export default bundled;
}
