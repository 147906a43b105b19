import type { Diagnosis } from './probe-report.js';

// The diagnoses for a server that refused the login or what follows it: what happened, and the prosody.cfg.lua
// lines (placeholders for keys, never a value) or commands that fix it.

const virtualHost = (domain: string, ...lines: string[]) => [`VirtualHost "${domain}"`, ...lines];
const SEE_LOG = "-- Prosody's log (debug level) says why";

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

function temporaryAuthFailure(domain: string): Diagnosis {
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

function malformedRequest(domain: string): Diagnosis {
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
