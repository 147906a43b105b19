#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { createXmppToken, type XmppToken } from './create-xmpp-token.js';
import { isXmppTokenError } from './errors.js';
import { generateKeys } from './generate-keys.js';
import { prosodyConfig } from './prosody-config.js';

// Exit codes: 0 valid / done, 1 token invalid, 2 usage or configuration error.
const USAGE = `Usage: xmpp-token <command> [options]

Commands:
  keygen                          print a fresh otp_seed, token_secret and Prosody config
  mint   --jid <jid> [--now <unix-ms>] [--json]
                                  print a token for <jid>
  verify --jid <jid> --token <token> [--now <unix-ms>] [--json]
                                  exit 0 if valid, 1 if not (reason on stderr)

Secrets come from the environment, never from arguments (which 'ps' shows):
  XMPP_TOKEN_SECRET   Prosody's token_secret (comma-separated to verify against several)
  XMPP_OTP_SEED       Prosody's otp_seed
  XMPP_DOMAIN         the domain tokens are for, which completes a bare localpart given as
                      --jid; unset, the domain of --jid (local@domain) is used
`;

const HELP: Record<string, string> = {
  keygen:
    'Usage: xmpp-token keygen [--json]\n\nPrints a fresh otp_seed and token_secret and the prosody.cfg.lua lines.\n',
  mint: 'Usage: xmpp-token mint --jid <jid> [--now <unix-ms>] [--json]\n\nPrints a token for <jid> on stdout (JSON: jid, token, expiresAt).\nNeeds XMPP_TOKEN_SECRET and XMPP_OTP_SEED.\n',
  verify:
    'Usage: xmpp-token verify --jid <jid> --token <token> [--now <unix-ms>] [--json]\n\nExit 0 if the token is valid for <jid>, 1 if not (reason on stderr), 2 on usage errors.\nNeeds XMPP_TOKEN_SECRET and XMPP_OTP_SEED.\n',
};

class UsageError extends Error {}

// node:util parseArgs errors quote the offending argument, which may be a token or a secret typed
// in the wrong place: they are replaced by messages that name no argument at all.
const PARSE_ERRORS: Record<string, string> = {
  ERR_PARSE_ARGS_UNKNOWN_OPTION: 'unknown option',
  ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL:
    'unexpected argument (values go after --jid, --token, --now)',
  ERR_PARSE_ARGS_INVALID_OPTION_VALUE: 'an option is missing its value, or has one it takes none',
};

type Io = { out: (text: string) => void; err: (text: string) => void };

async function main(argv: string[], env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return command === undefined ? 2 : 0;
  }
  const help = HELP[command];
  if (help === undefined) throw new UsageError('unknown command (keygen, mint or verify)');
  const values = parseOptions(rest);
  if (values.help) {
    io.out(help);
    return 0;
  }
  if (command === 'keygen') return keygen(values.json, io);
  const jid = required(values.jid, '--jid');
  const xmppToken = fromEnvironment(env, jid, parseNow(values.now));
  if (command === 'mint') {
    const minted = xmppToken.mint(jid);
    io.out(values.json ? JSON.stringify(minted) + '\n' : minted.token + '\n');
    return 0;
  }
  const result = await xmppToken.verify(jid, required(values.token, '--token'));
  if (values.json) {
    io.out(JSON.stringify(result.ok ? result : { ok: false, reason: result.reason }) + '\n');
  } else if (result.ok) {
    io.out(`valid for ${result.jid} until ${result.expiresAt.toISOString()}\n`);
  } else {
    io.err(`invalid: ${result.reason}\n`);
  }
  return result.ok ? 0 : 1;
}

function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        jid: { type: 'string' },
        token: { type: 'string' },
        now: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new UsageError(PARSE_ERRORS[String(code)] ?? 'invalid arguments');
  }
}

function keygen(json: boolean, io: Io): number {
  const keys = generateKeys();
  io.out(json ? JSON.stringify(keys) + '\n' : prosodyConfig(keys));
  return 0;
}

function fromEnvironment(env: NodeJS.ProcessEnv, jid: string, now: number | undefined): XmppToken {
  const secret = required(env.XMPP_TOKEN_SECRET, 'environment variable XMPP_TOKEN_SECRET');
  const otpSeed = required(env.XMPP_OTP_SEED, 'environment variable XMPP_OTP_SEED');
  // The operator names the JID: without XMPP_DOMAIN, its own domain is the one served.
  const domain = env.XMPP_DOMAIN || domainOf(jid);
  return createXmppToken({
    tokenSecret: secret.split(','),
    otpSeed,
    domain,
    ...(now === undefined ? {} : { clock: () => now }),
  });
}

function domainOf(jid: string): string {
  const at = jid.indexOf('@');
  if (at === -1)
    throw new UsageError('--jid is a bare localpart: give local@domain or set XMPP_DOMAIN');
  return jid.slice(at + 1);
}

function parseNow(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value)) throw new UsageError('--now must be a Unix time in milliseconds');
  return Number(value);
}

function required(value: string | undefined, name: string): string {
  if (value === undefined || value === '') throw new UsageError(`missing ${name}`);
  return value;
}

main(process.argv.slice(2), process.env, {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Usage and configuration errors carry no secrets; anything else is reported by type only.
    const known = error instanceof UsageError || isXmppTokenError(error);
    const message = known ? (error as Error).message : 'unexpected error';
    process.stderr.write(`xmpp-token: ${message}\nRun 'xmpp-token --help' for usage.\n`);
    process.exitCode = 2;
  },
);
