import type { Diagnosis } from './probe-report.js';

// The diagnoses for a server that answered and refused: what happened, and the prosody.cfg.lua
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

export function wrongKeys(domain: string): Diagnosis {
  return {
    code: 'wrong_keys',
    message: `Prosody refused a fresh token, and tokens minted 30 and 60 s earlier and later (not-authorized): wrong token_secret/otp_seed (or the JID's domain is not the VirtualHost the keys belong to). A clock more than about 90 s off looks the same: check NTP too.`,
    fix: virtualHost(
      domain,
      '  token_secret = "<XMPP_TOKEN_SECRET>"',
      '  otp_seed = "<XMPP_OTP_SEED>"',
      '-- the same values as the app; a list on Prosody accepts each (rotation)',
    ),
  };
}

export function clockSkew(
  acceptedOffsetSeconds: number,
  skewSeconds: { readonly min: number; readonly max: number },
): Diagnosis {
  const when = describeOffset(acceptedOffsetSeconds * 1000);
  return {
    code: 'clock_skew',
    message: `Prosody refused a fresh token (not-authorized) but accepted one minted ${when}: its clock is ${describeSkew(skewSeconds)} the app's (this machine's, or --now). A token is valid 30 to 90 s, so logins fail.`,
    fix: [
      '-- keep both clocks on NTP, e.g. on each host:',
      'timedatectl set-ntp true',
      'timedatectl show -p NTPSynchronized   # NTPSynchronized=yes',
    ],
    skewSeconds,
  };
}

/** `30 s earlier`, `60 s later`: when a token was minted, relative to the app's clock. */
export function describeOffset(offsetMs: number): string {
  return `${Math.abs(offsetMs) / 1000} s ${offsetMs < 0 ? 'earlier' : 'later'}`;
}

function describeSkew({ min, max }: { readonly min: number; readonly max: number }): string {
  if (min >= 0) return `${min} to ${max} s ahead of`;
  if (max <= 0) return `${-max} to ${-min} s behind`;
  return `between ${-min} s behind and ${max} s ahead of`;
}

export function temporaryAuthFailure(domain: string): Diagnosis {
  return {
    code: 'temporary_auth_failure',
    message:
      "Prosody answered temporary-auth-failure: mod_auth_xmpp_token's replay memory is full (xmpp_token_replay_limit), or the module failed internally. Its log says which (X-TOKEN refused: replay_limit / internal_error).",
    fix: virtualHost(
      domain,
      '  xmpp_token_replay_limit = 2000000  -- default 1000000; a token is remembered up to 90 s',
    ),
  };
}

export function malformedRequest(domain: string): Diagnosis {
  return {
    code: 'malformed_request',
    message: `Prosody answered malformed-request to a canonical token: X-TOKEN on "${domain}" is served by another module or version than mod_auth_xmpp_token, or it refused the JID's localpart.`,
    fix: [
      '-- install the current mod_auth_xmpp_token.lua (npm @xmpp-token/prosody), then',
      ...virtualHost(domain, '  authentication = "xmpp_token"'),
    ],
  };
}

/** The diagnosis for a SASL failure other than not-authorized (which is retried first). */
export function diagnoseSaslFailure(
  failure: { readonly condition: string; readonly text?: string },
  domain: string,
): Diagnosis {
  if (failure.condition === 'temporary-auth-failure') return temporaryAuthFailure(domain);
  if (failure.condition === 'malformed-request') return malformedRequest(domain);
  return saslFailure(failure.condition, failure.text);
}

function saslFailure(condition: string, text: string | undefined): Diagnosis {
  return {
    code: 'sasl_failure',
    message: `Prosody refused the login: ${condition}${text === undefined ? '' : ` ("${text}")`}.`,
    fix: [SEE_LOG],
  };
}

export function bindFailed(condition: string): Diagnosis {
  return {
    code: 'bind_failed',
    message: `The login worked, but resource binding failed (${condition}).`,
    fix: [SEE_LOG],
  };
}

export function streamError(condition: string, text: string | undefined): Diagnosis {
  return {
    code: 'stream_error',
    message: `Prosody ended the stream: ${condition}${text === undefined ? '' : ` ("${text}")`}.`,
    fix: [SEE_LOG],
  };
}
