// The setup every real-Prosody test file shares: one throwaway Prosody per file (started once,
// stopped after the file), keys of its own, and what the tests read from it.
import { generateKeys, type GeneratedKeys } from '@xmpp-token/core';
import {
  findProsody,
  startProsody,
  type ProsodyServer,
  type StartProsodyOptions,
} from '@xmpp-token/prosody/test-server';
import { afterAll, beforeAll, expect } from 'vitest';

/** True when the tests that need Prosody can run. In CI a missing prosody is an error. */
export const hasProsody = findProsody() !== undefined;
if (!hasProsody) {
  const message = 'prosody not found on PATH: install the Debian package prosody';
  if (process.env.CI) throw new Error(`${message} (required in CI)`);
  console.warn(`${message}; skipping the Prosody tests`);
}

/** What a suite gets from {@link useProsody}; read it inside tests, once `beforeAll` has run. */
export interface ProsodySuite {
  readonly server: ProsodyServer;
  /** The keys Prosody was started with (the first of each list, when lists were given). */
  readonly keys: GeneratedKeys;
  /** The log written since `mark` (a length returned by {@link logMark}). */
  logSince(mark: number): string;
  logMark(): number;
}

/** Starts a Prosody (fresh keys unless given) before the file's tests and stops it after. */
export function useProsody(options: Partial<StartProsodyOptions> = {}): ProsodySuite {
  const keys = generateKeys();
  let server: ProsodyServer | undefined;
  beforeAll(async () => {
    server = await startProsody({ ...keys, ...options });
  });
  afterAll(() => server?.stop());
  const ready = (): ProsodyServer => {
    if (server === undefined) throw new Error('useProsody: read the suite inside a test');
    return server;
  };
  return {
    get server() {
      return ready();
    },
    keys,
    logMark: () => ready().readLog().length,
    logSince: (mark) => ready().readLog().slice(mark),
  };
}

/** Waits until the log written since `mark` contains `text` (Prosody writes it asynchronously). */
export async function expectLogged(suite: ProsodySuite, mark: number, text: string): Promise<void> {
  await expect.poll(() => suite.logSince(mark), { timeout: 5000 }).toContain(text);
}

/** Fails if the log holds any of `secrets` (tokens, keys, their base64 SASL forms). */
export function expectLogFreeOf(server: ProsodyServer, secrets: readonly string[]): void {
  const log = server.readLog();
  const leaked = secrets.filter((secret) => secret.length > 0 && log.includes(secret));
  expect(leaked, 'secrets found in the Prosody log').toEqual([]);
}
