import type { Diagnosis } from './probe-report.js';

// The diagnoses for a server that refused before any token was sent: what happened, and the prosody.cfg.lua
// lines (placeholders for keys, never a value) or commands that fix it.

const virtualHost = (domain: string, ...lines: string[]) => [`VirtualHost "${domain}"`, ...lines];
const SEE_LOG = "-- Prosody's log (debug level) says why";

export function hostUnknown(domain: string): Diagnosis {
  return {
    code: 'host_unknown',
    message: `Prosody serves no VirtualHost "${domain}" here (host-unknown): the JID's domain must be the VirtualHost whose token_secret and otp_seed the app uses.`,
    fix: virtualHost(domain, '  authentication = "xmpp_token"'),
  };
}

export function starttlsUnavailable(domain: string): Diagnosis {
  return {
    code: 'starttls_unavailable',
    message: `Prosody offered no STARTTLS: it has no certificate for "${domain}" (or mod_tls is not enabled). The probe sends no token unencrypted (--insecure allows it on a test server).`,
    fix: [
      '-- a certificate for the domain, e.g. from Let’s Encrypt, then restart Prosody:',
      'sudo prosodyctl --root cert import /etc/letsencrypt/live',
    ],
  };
}

export function insecureConnection(websocket: boolean): Diagnosis {
  return websocket
    ? {
        code: 'insecure_connection',
        message:
          'Prosody offered no SASL mechanism on this WebSocket: it does not consider the connection secure (c2s_require_encryption, default true), as when a reverse proxy terminates TLS and talks ws:// to Prosody.',
        fix: [
          '-- global section, when a proxy that terminates TLS is in front:',
          'consider_websocket_secure = true',
          '-- (or the proxy sends X-Forwarded-Proto: https from an address in trusted_proxies)',
          "-- if it is set already, the VirtualHost's auth module did not load: see Prosody's log",
        ],
      }
    : {
        code: 'insecure_connection',
        message:
          'Prosody offered no SASL mechanism on this unencrypted connection (c2s_require_encryption, default true).',
        fix: ['-- give Prosody a certificate so that it offers STARTTLS; probe without --insecure'],
      };
}

export function noMechanisms(domain: string): Diagnosis {
  return {
    code: 'no_mechanisms',
    message: `Prosody offered no SASL mechanism on an encrypted connection: the auth module of "${domain}" did not load. Its log names the option to fix ("Error initializing module 'auth_xmpp_token'").`,
    fix: virtualHost(
      domain,
      '  authentication = "xmpp_token"',
      '  token_secret = "<XMPP_TOKEN_SECRET>"',
      '  otp_seed = "<XMPP_OTP_SEED>"',
      '-- and plugin_paths (global) must hold the folder of mod_auth_xmpp_token.lua',
    ),
  };
}

export function xTokenNotOffered(domain: string, mechanisms: readonly string[]): Diagnosis {
  return {
    code: 'x_token_not_offered',
    message: `Prosody offers ${mechanisms.join(', ')} for "${domain}" but not X-TOKEN: mod_auth_xmpp_token is not this VirtualHost's auth provider (or upstream's mod_auth_token is, without sasl_token).`,
    fix: virtualHost(
      domain,
      '  authentication = "xmpp_token"',
      '-- with plugin_paths = { "<folder of mod_auth_xmpp_token.lua>" } in the global section',
      '-- (upstream mod_auth_token: authentication = "token" and "sasl_token" in modules_enabled)',
    ),
  };
}

export function streamError(condition: string, text: string | undefined): Diagnosis {
  return {
    code: 'stream_error',
    message: `Prosody ended the stream: ${condition}${text === undefined ? '' : ` ("${text}")`}.`,
    fix: [SEE_LOG],
  };
}
