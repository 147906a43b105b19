// The keygen command the READMEs give must work from a clone (after the build), before anything
// is published; the npx line, which needs the npm registry, must say it is for after publishing.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/workspace.js';

const CLONE_COMMAND = /^node (packages\/core\/dist\/cli\.js keygen)\b/;

/** The lines of a README's ```sh blocks. */
function shellLines(readme: string): string[] {
  const text = readFileSync(`${ROOT}${readme}`, 'utf8');
  return [...text.matchAll(/^```sh\n([\s\S]*?)^```/gm)].flatMap((m) => (m[1] ?? '').split('\n'));
}

describe.each(['README.md', 'packages/core/README.md'])('%s', (readme) => {
  it('gives a keygen command that works from a clone, and it prints keys and Prosody lines', async () => {
    const commands = shellLines(readme).flatMap((line) => CLONE_COMMAND.exec(line)?.[1] ?? []);
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) {
      const [script = '', ...args] = command.split(' ');
      const { stdout } = await promisify(execFile)(process.execPath, [script, ...args], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '' },
      });
      expect(stdout).toMatch(/^token_secret = "[A-Z2-7]{52}"$/m);
      expect(stdout).toMatch(/^otp_seed = "[A-Z2-7]{32}"$/m);
    }
  });

  it('marks every npx line as for after publishing', () => {
    const text = readFileSync(`${ROOT}${readme}`, 'utf8');
    const npx = text.split('\n').filter((line) => line.includes('npx -p @xmpp-token/'));
    expect(npx.length).toBeGreaterThan(0);
    for (const line of npx) expect(line).toMatch(/after publishing/);
  });
});
