/** Where mod_auth_xmpp_token.lua goes when no folder is given: a common `plugin_paths` entry. */
const DEFAULT_PLUGIN_PATH = '/usr/local/lib/prosody/modules';

/**
 * The prosody.cfg.lua lines for these keys and mod_auth_xmpp_token (npm `@xmpp-token/prosody`):
 * the global part (`plugin_paths`, and as comments `"websocket"` and `consider_websocket_secure`),
 * then the VirtualHost part (`authentication = "xmpp_token"` and the two keys), and how to keep
 * upstream's mod_auth_token instead. `pluginPath` is the folder holding the Lua file.
 */
export function prosodyConfig(
  keys: { readonly otpSeed: string; readonly tokenSecret: string },
  options: { readonly pluginPath?: string } = {},
): string {
  for (const value of [keys.otpSeed, keys.tokenSecret]) {
    // Lua string literals: refuse anything that would need escaping rather than emit broken config.
    if (!/^[A-Za-z0-9=]+$/.test(value)) throw new TypeError('keys must be base32 strings');
  }
  const pluginPath = options.pluginPath ?? DEFAULT_PLUGIN_PATH;
  if (!/^[^"\\\r\n]+$/.test(pluginPath)) throw new TypeError('pluginPath must be a plain path');
  return [
    '-- xmpp-token for Prosody 0.12 with mod_auth_xmpp_token (npm package @xmpp-token/prosody).',
    '-- Global section. The folder that holds mod_auth_xmpp_token.lua:',
    `plugin_paths = { "${pluginPath}" }`,
    '-- Add "websocket" to your modules_enabled (XMPP over WebSocket for browsers):',
    '--   modules_enabled = { ..., "websocket" }',
    '-- Only behind a reverse proxy that terminates TLS (wss:// outside, ws:// to Prosody);',
    '-- without it Prosody offers no login on the WebSocket:',
    '--   consider_websocket_secure = true',
    '',
    "-- In the VirtualHost your web users log into (its name is the app's domain):",
    'authentication = "xmpp_token"',
    `token_secret = "${keys.tokenSecret}"`,
    `otp_seed = "${keys.otpSeed}"`,
    '',
    '-- Keeping upstream\'s mod_auth_token instead: authentication = "token", and "sasl_token"',
    '-- in modules_enabled; token_secret and otp_seed are the same.',
    '',
  ].join('\n');
}
