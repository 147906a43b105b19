import { luaAssignment, toLua, type LuaValue } from './lua-value.js';

/** Everything the config file of a throwaway Prosody depends on, resolved. */
export interface ConfigFileSettings {
  readonly directory: string;
  readonly pluginPath: string;
  readonly domain: string;
  readonly ports: {
    readonly c2s: number;
    readonly http: number;
    readonly directTls?: number;
    readonly https?: number;
  };
  readonly certificates: boolean;
  readonly starttlsRequired: boolean;
  readonly considerWebsocketSecure: boolean;
  readonly runAsRoot: boolean;
  readonly logLevel: string;
  readonly authentication: string;
  readonly tokenSecret: string | readonly string[];
  readonly otpSeed: string | readonly string[];
  readonly modules: readonly string[];
  readonly globalConfig: Readonly<Record<string, LuaValue>>;
  readonly hostConfig: Readonly<Record<string, LuaValue>>;
  readonly globalLua: string;
  readonly hostLua: string;
}

const BASE_MODULES = ['saslauth', 'websocket', 'roster', 'disco', 'ping', 'http_openmetrics'];

/**
 * prosody.cfg.lua for a private instance: everything under `directory`, listening on 127.0.0.1
 * only, every service it does not use on no port (s2s, components, https unless asked), so it never collides
 * with a system Prosody. Caller options come last, so they override these defaults.
 */
export function configFile(settings: ConfigFileSettings): string {
  const { directory, ports } = settings;
  const global: Record<string, LuaValue> = {
    pidfile: `${directory}/prosody.pid`,
    data_path: `${directory}/data`,
    certificates: `${directory}/certs`,
    plugin_paths: [settings.pluginPath],
    log: [{ levels: { min: settings.logLevel }, to: 'file', filename: `${directory}/prosody.log` }],
    ...(settings.runAsRoot ? { run_as_root: true } : {}),
    interfaces: ['127.0.0.1'],
    local_interfaces: ['127.0.0.1'],
    http_interfaces: ['127.0.0.1'],
    https_interfaces: ['127.0.0.1'],
    c2s_ports: [ports.c2s],
    c2s_direct_tls_ports: ports.directTls === undefined ? [] : [ports.directTls],
    legacy_ssl_ports: [],
    s2s_ports: [],
    s2s_direct_tls_ports: [],
    component_ports: [],
    http_ports: [ports.http],
    https_ports: ports.https === undefined ? [] : [ports.https],
    http_default_host: settings.domain,
    c2s_require_encryption: settings.starttlsRequired,
    consider_websocket_secure: settings.considerWebsocketSecure,
    statistics: 'internal',
    statistics_interval: 'manual',
    modules_enabled: [
      ...BASE_MODULES,
      ...(settings.certificates && settings.starttlsRequired ? ['tls'] : []),
      ...settings.modules,
    ],
    ...settings.globalConfig,
  };
  const host: Record<string, LuaValue> = {
    authentication: settings.authentication,
    token_secret: settings.tokenSecret,
    otp_seed: settings.otpSeed,
    ...settings.hostConfig,
  };
  return [
    '-- A throwaway Prosody written by @xmpp-token/prosody/test-server (startProsody).',
    ...Object.entries(global).map(([name, value]) => luaAssignment(name, value)),
    settings.globalLua,
    '',
    `VirtualHost ${toLua(settings.domain)}`,
    ...Object.entries(host).map(([name, value]) => `  ${luaAssignment(name, value)}`),
    settings.hostLua,
    '',
  ].join('\n');
}
