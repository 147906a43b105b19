import type { LuaValue } from './internal/lua-value.js';

/** Options of {@link startProsody}. Only the two keys are required. */
export interface StartProsodyOptions {
  /** `token_secret`: a string, or a list (the app mints with the first, Prosody accepts any). */
  readonly tokenSecret: string | readonly string[];
  /** `otp_seed` (base32): a string or a list. */
  readonly otpSeed: string | readonly string[];
  /** The VirtualHost name, the domain of the JIDs. Default `localhost`. */
  readonly domain?: string;
  /** The host's `authentication`. Default `xmpp_token` (this module); any other leaves it out. */
  readonly authentication?: string;
  /**
   * Client connections on the c2s port: `plain` (no TLS; `c2s_require_encryption = false`) or
   * `starttls` (a self-signed certificate; authentication only after STARTTLS). Default `plain`.
   */
  readonly c2s?: 'plain' | 'starttls';
  /** Also listen for direct TLS (XEP-0368, `xmpps://`) with a self-signed certificate. */
  readonly directTls?: boolean;
  /** Also serve HTTPS (`wss://`) with a self-signed certificate: Prosody's own TLS, no proxy. */
  readonly https?: boolean;
  /**
   * `consider_websocket_secure`: Prosody withholds every SASL mechanism on a WebSocket it does
   * not consider secure, and this one serves plain `ws://`. Default true.
   */
  readonly considerWebsocketSecure?: boolean;
  /** Added to `modules_enabled` (which has saslauth, websocket, roster, disco, ping, metrics). */
  readonly modules?: readonly string[];
  /** More global options; they override the launcher's. */
  readonly globalConfig?: Readonly<Record<string, LuaValue>>;
  /** More VirtualHost options; they override the launcher's (keys, authentication). */
  readonly hostConfig?: Readonly<Record<string, LuaValue>>;
  /** Raw Lua appended to the global section (e.g. more `VirtualHost` or `Component` blocks). */
  readonly globalLua?: string;
  /** Raw Lua appended inside the VirtualHost section. */
  readonly hostLua?: string;
  /** Prosody's log level. Default `debug`. */
  readonly logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** The executable. Default {@link findProsody}'s answer. */
  readonly prosody?: string;
  /** How long to wait for the ports to open. Default 20 s. */
  readonly startTimeoutMs?: number;
}

/** What {@link ProsodyServer.restart} may change. */
export type RestartProsodyOptions = Partial<
  Pick<StartProsodyOptions, 'tokenSecret' | 'otpSeed' | 'globalConfig' | 'hostConfig'>
> & {
  /** `SIGTERM` (default): a clean stop. `SIGKILL`: a crash (nothing is saved). */
  readonly signal?: 'SIGTERM' | 'SIGKILL';
};

/** A running throwaway Prosody on 127.0.0.1. */
export interface ProsodyServer {
  readonly domain: string;
  /** The current process id (a restart changes it). */
  readonly pid: number;
  /** `xmpp://127.0.0.1:<port>`: client connections (plain or STARTTLS). */
  readonly c2sUrl: string;
  /** `xmpps://127.0.0.1:<port>` when `directTls` was asked for. */
  readonly directTlsUrl: string | undefined;
  /** `ws://127.0.0.1:<port>/xmpp-websocket`. */
  readonly websocketUrl: string;
  /** `wss://127.0.0.1:<port>/xmpp-websocket` when `https` was asked for. */
  readonly secureWebsocketUrl: string | undefined;
  /** `http://127.0.0.1:<port>/metrics` (OpenMetrics, incl. this module's counters). */
  readonly metricsUrl: string;
  /** The self-signed certificate (PEM) when TLS is on, for clients to trust. */
  readonly certificate: string | undefined;
  /** The private folder: config, data, certificates, log. Removed by `stop()`. */
  readonly directory: string;
  readonly configFile: string;
  readonly logFile: string;
  /** The log so far (and Prosody's console output, if any, first). */
  readLog(): string;
  /** Stops the process and starts it again on the same ports with the same data. */
  restart(options?: RestartProsodyOptions): Promise<void>;
  /** Stops the process (SIGTERM, then SIGKILL after 5 s) and removes {@link directory}. */
  stop(): Promise<void>;
}
