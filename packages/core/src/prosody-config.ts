/**
 * The prosody.cfg.lua lines that enable token authentication with these keys: paste them into
 * the VirtualHost section (and put mod_auth_token's folder in `plugin_paths`).
 */
export function prosodyConfig(keys: {
  readonly otpSeed: string;
  readonly tokenSecret: string;
}): string {
  for (const value of [keys.otpSeed, keys.tokenSecret]) {
    // Lua string literals: refuse anything that would need escaping rather than emit broken config.
    if (!/^[A-Za-z0-9=]+$/.test(value)) throw new TypeError('keys must be base32 strings');
  }
  return [
    '-- xmpp-token: in the VirtualHost your web users log into. Also add "sasl_token" to',
    '-- modules_enabled and the mod_auth_token folder to plugin_paths.',
    'authentication = "token"',
    `token_secret = "${keys.tokenSecret}"`,
    `otp_seed = "${keys.otpSeed}"`,
    '',
  ].join('\n');
}
