import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in the command line or the environment: exit 2, the message printed as it is. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

const COMMON = {
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies Options;

/** Each command's options: anything else is an unknown option. */
export const COMMAND_OPTIONS = {
  keygen: { ...COMMON, rotate: { type: 'boolean', default: false } },
  mint: { ...COMMON, jid: { type: 'string' }, now: { type: 'string' } },
  verify: {
    ...COMMON,
    jid: { type: 'string' },
    token: { type: 'string' },
    now: { type: 'string' },
  },
  probe: {
    ...COMMON,
    jid: { type: 'string' },
    now: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    'direct-tls': { type: 'boolean', default: false },
    websocket: { type: 'string' },
    insecure: { type: 'boolean', default: false },
    ca: { type: 'string' },
    timeout: { type: 'string' },
  },
} as const satisfies Record<string, Options>;

export type Command = keyof typeof COMMAND_OPTIONS;

// node:util parseArgs errors quote the offending argument, which may be a token or a secret typed
// in the wrong place: they are replaced by messages that name no argument at all.
const PARSE_ERRORS: Record<string, string> = {
  ERR_PARSE_ARGS_UNKNOWN_OPTION: 'unknown option',
  ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL:
    'unexpected argument (values go after --jid, --token, --now, ...)',
  ERR_PARSE_ARGS_INVALID_OPTION_VALUE: 'an option is missing its value, or has one it takes none',
};

/** The parsed options of `command` (`help` and `json` for every command, see COMMON). */
export type CommandValues<C extends Command> = ReturnType<
  typeof parseArgs<{ args: string[]; options: (typeof COMMAND_OPTIONS)[C]; strict: true }>
>['values'] & { readonly help: boolean };

/** The parsed options of `command`; throws a {@link UsageError} that quotes nothing. */
export function parseOptions<C extends Command>(command: C, args: string[]): CommandValues<C> {
  try {
    const { values } = parseArgs({ args, options: COMMAND_OPTIONS[command], strict: true });
    // parseArgs types a generic command's values as `{}`; every command has COMMON's `help`.
    return values as CommandValues<C>;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new UsageError(PARSE_ERRORS[String(code)] ?? 'invalid arguments');
  }
}

/** `value`, or a {@link UsageError} naming what is missing. */
export function required(value: string | undefined, name: string): string {
  if (value === undefined || value === '') throw new UsageError(`missing ${name}`);
  return value;
}

/** `--now`: Unix time in milliseconds. */
export function parseNow(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value)) throw new UsageError('--now must be a Unix time in milliseconds');
  return Number(value);
}
