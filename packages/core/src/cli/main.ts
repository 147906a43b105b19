import { isXmppTokenError } from '../errors.js';
import {
  COMMAND_OPTIONS,
  parseOptions,
  UsageError,
  type Command,
  type CommandValues,
} from './arguments.js';
import type { Io } from './io.js';
import { keygenCommand } from './keygen-command.js';
import { mintCommand } from './mint-command.js';
import { probeCommand } from './probe-command.js';
import { HELP, USAGE } from './usage.js';
import { verifyCommand } from './verify-command.js';

/**
 * Runs `xmpp-token <argv>` and resolves the exit code: 0 done (valid, logged in), 1 a token or
 * login refused, 2 usage or configuration error (or, for probe, no server reached).
 */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: Io,
): Promise<number> {
  try {
    return await run(argv, env, io);
  } catch (error) {
    // Usage and configuration errors carry no secrets; anything else is reported by type only.
    const known = error instanceof UsageError || isXmppTokenError(error);
    const message = known ? (error as Error).message : 'unexpected error';
    io.err(`xmpp-token: ${message}\nRun 'xmpp-token --help' for usage.\n`);
    return 2;
  }
}

async function run(argv: readonly string[], env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (!isCommand(command)) throw new UsageError('unknown command (keygen, mint, verify or probe)');
  return runCommand(command, rest, env, io);
}

type CommandRunner<C extends Command> = (
  values: CommandValues<C>,
  env: NodeJS.ProcessEnv,
  io: Io,
) => number | Promise<number>;

const COMMANDS: { readonly [C in Command]: CommandRunner<C> } = {
  keygen: keygenCommand,
  mint: mintCommand,
  verify: verifyCommand,
  probe: probeCommand,
};

/** Parses `command`'s options, then prints its help or runs it. */
function runCommand<C extends Command>(
  command: C,
  args: string[],
  env: NodeJS.ProcessEnv,
  io: Io,
): number | Promise<number> {
  const values = parseOptions(command, args);
  if (values.help) {
    io.out(HELP[command] ?? USAGE);
    return 0;
  }
  const runner: CommandRunner<C> = COMMANDS[command];
  return runner(values, env, io);
}

function isCommand(name: string): name is Command {
  return Object.hasOwn(COMMAND_OPTIONS, name);
}
