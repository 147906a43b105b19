// Runs mod_auth_xmpp_token under the Lua that runs Prosody, with Prosody's own libraries and a
// fixed clock (support/harness.lua): the vectors' 2023 times, which a live Prosody cannot reach.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { prosodyModuleFile } from '@xmpp-token/prosody';
import { findProsody } from '@xmpp-token/prosody/test-server';

const HARNESS = fileURLToPath(new URL('./harness.lua', import.meta.url));

/** The interpreter and library folder of the installed Prosody, read from its launcher script. */
function prosodyLua(): { interpreter: string; sourceDir: string } | undefined {
  const prosody = findProsody();
  if (prosody === undefined) return undefined;
  const script = readFileSync(prosody, 'utf8');
  const interpreter = /^#!(?:\S*\/env\s+)?(\S+)/.exec(script)?.[1];
  const sourceDir = /^CFG_SOURCEDIR\s*=\s*'([^']+)'/m.exec(script)?.[1];
  return interpreter && sourceDir ? { interpreter, sourceDir } : undefined;
}

const lua = prosodyLua();
/** True when the harness can run (a Debian-style prosody install). */
export const hasLuaHarness = lua !== undefined;

/** One step against the module (see harness.lua). `at` is Unix milliseconds. */
export type Step =
  | { readonly op: 'sasl'; readonly at: number; readonly message_hex: string }
  | {
      readonly op: 'test_password';
      readonly at: number;
      readonly username: string;
      readonly password_hex: string;
    }
  | { readonly op: 'timers' | 'restart' | 'crash' | 'unload'; readonly at: number }
  | { readonly op: 'login_event' | 'user_exists'; readonly username: string }
  | { readonly op: 'clock_fails'; readonly value: boolean }
  | { readonly op: 'memory'; readonly at: number; readonly messages_hex: readonly string[] };

export interface Scenario {
  readonly options: Readonly<Record<string, unknown>>;
  readonly steps?: readonly Step[];
}

/** What a step answered: the SASL status and condition, the counter it bumped, and so on. */
export interface StepResult {
  readonly status?: string;
  readonly condition?: string;
  readonly username?: string;
  readonly outcome?: string;
  readonly ok?: boolean;
  readonly error?: string;
  readonly exists?: boolean;
  readonly remembered?: number;
  readonly load_error?: string;
  readonly accepted?: number;
  readonly kilobytes?: number;
}

export interface ScenarioResult {
  readonly load_error?: string;
  readonly results: readonly StepResult[];
  readonly logs: readonly string[];
  readonly stores: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** Runs every scenario in one Lua process; each starts from a fresh module and empty storage. */
export function runScenarios(scenarios: readonly Scenario[]): ScenarioResult[] {
  if (lua === undefined) throw new Error('no Prosody installation to run the Lua harness with');
  const run = spawnSync(lua.interpreter, [HARNESS, prosodyModuleFile, lua.sourceDir], {
    input: JSON.stringify({ scenarios }),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`the Lua harness failed (${run.status}): ${run.stderr}`);
  const output = JSON.parse(run.stdout) as { scenarios: Record<string, unknown>[] };
  // util.json writes an empty Lua table as {}: lists come back as arrays either way.
  const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);
  return output.scenarios.map((result) => ({
    ...result,
    results: list<StepResult>(result.results),
    logs: list<string>(result.logs),
    stores: (result.stores ?? {}) as ScenarioResult['stores'],
  }));
}

/** hex of the SASL initial response `authzid NUL authcid NUL token`. */
export function saslHex(authcid: string, token: string, authzid = ''): string {
  return Buffer.from(`${authzid}\0${authcid}\0${token}`, 'utf8').toString('hex');
}
