/** `xmpp-token --help`. */
export const USAGE = `Usage: xmpp-token <command> [options]

Commands:
  keygen [--json]                 print a fresh otp_seed, token_secret and Prosody config
  keygen --rotate [--json]        the next keys after the environment's, and the app's and
                                  Prosody's config lines for each phase of the rotation
  mint   --jid <jid> [--now <unix-ms>] [--json]
                                  print a token for <jid>
  verify --jid <jid> --token <token> [--now <unix-ms>] [--json]
                                  exit 0 if valid, 1 if not (reason on stderr)
  probe  --jid <jid> (--host <host> [--port <n>] [--direct-tls] | --websocket <url>)
         [--insecure] [--ca <file>] [--now <unix-ms>] [--timeout <s>] [--json]
                                  log in to a live Prosody with a fresh token and say what
                                  is wrong: exit 0 logged in, 1 refused, 2 unreachable

Secrets come from the environment, never from arguments (which 'ps' shows):
  XMPP_TOKEN_SECRET   Prosody's token_secret, or a rotation list: keys separated by a comma
                      alone, no spaces (the first mints, all verify)
  XMPP_OTP_SEED       Prosody's otp_seed, or a rotation list likewise
  XMPP_DOMAIN         the domain tokens are for, which completes a bare localpart given as
                      --jid; unset, the domain of --jid (local@domain) is used
`;

const PROBE = `Usage: xmpp-token probe --jid <jid> (--host <host> [--port <n>] [--direct-tls] | --websocket <url>)
                        [--insecure] [--ca <file>] [--now <unix-ms>] [--timeout <s>] [--json]

Logs in to a live XMPP server (Prosody with mod_auth_xmpp_token) as <jid> with a freshly
minted X-TOKEN, reports each step (connect, tls, websocket, features, x-token, auth, bind) and
says what is wrong, with the prosody.cfg.lua lines that fix it. Prints no token, secret or seed.

  --jid <jid>          the account to log in as; its domain is the VirtualHost
  --host <host>        c2s with STARTTLS (port 5222), or direct TLS with --direct-tls (5223)
  --port <n>           another c2s port
  --direct-tls         XEP-0368 direct TLS instead of STARTTLS
  --websocket <url>    ws:// or wss:// (Prosody: .../xmpp-websocket) instead of --host
  --insecure           accept any certificate, and a c2s port without STARTTLS (test servers)
  --ca <file>          trust this CA certificate (PEM) too; NODE_EXTRA_CA_CERTS works as well
  --now <unix-ms>      the app's clock, to simulate its skew (default: this machine's)
  --timeout <s>        the longest wait for any one answer (default 10)
  --json               one JSON object: steps, attempts, diagnosis { code, message, fix }

Exit 0 logged in and bound, 1 the server refused (diagnosis says why), 2 usage error or no
XMPP server reached. Needs XMPP_TOKEN_SECRET and XMPP_OTP_SEED (the first of a list mints).
`;

/** Each command's `--help`. */
export const HELP: Readonly<Record<string, string>> = {
  keygen: `Usage: xmpp-token keygen [--rotate] [--json]

Prints a fresh otp_seed and token_secret and the prosody.cfg.lua lines.

  --rotate   read the current keys from XMPP_TOKEN_SECRET and XMPP_OTP_SEED (one key each)
             and print, for each of the three phases of a rotation to fresh keys, the app's
             environment and prosody.cfg.lua's lines (the current keys included: they are
             config; keep the output secret)
  --json     keygen: { otpSeed, tokenSecret }; with --rotate: { next, phases: [{ phase,
             summary, app, prosody, prosodyChanges }] }
`,
  mint: 'Usage: xmpp-token mint --jid <jid> [--now <unix-ms>] [--json]\n\nPrints a token for <jid> on stdout (JSON: jid, token, expiresAt).\nNeeds XMPP_TOKEN_SECRET and XMPP_OTP_SEED.\n',
  verify:
    'Usage: xmpp-token verify --jid <jid> --token <token> [--now <unix-ms>] [--json]\n\nExit 0 if the token is valid for <jid>, 1 if not (reason on stderr), 2 on usage errors.\nNeeds XMPP_TOKEN_SECRET and XMPP_OTP_SEED.\n',
  probe: PROBE,
};
