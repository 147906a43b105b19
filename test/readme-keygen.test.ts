// The keygen commands the READMEs give must work from a clone (after the build), before anything
// is published; the npx line, which needs the npm registry, must say it is for after publishing.
// The output of `keygen --rotate` the core README shows is what the command prints.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { generateKeys } from '@xmpp-token/core';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/workspace.js';

const CLONE_COMMAND = /^node (packages\/core\/dist\/cli\.js keygen[^#]*)/;
const CURRENT = generateKeys();

/** The lines of a README's ```sh blocks. */
function shellLines(readme: string): string[] {
  const text = readFileSync(`${ROOT}${readme}`, 'utf8');
  return [...text.matchAll(/^```sh\n([\s\S]*?)^```/gm)].flatMap((m) => (m[1] ?? '').split('\n'));
}

/** Runs `node <script> ...args` from the root, with CURRENT's keys in the environment. */
async function runFromClone(command: string): Promise<string> {
  const [script = '', ...args] = command.trim().split(/ +/);
  const env = {
    PATH: process.env.PATH ?? '',
    XMPP_TOKEN_SECRET: CURRENT.tokenSecret,
    XMPP_OTP_SEED: CURRENT.otpSeed,
  };
  return (await promisify(execFile)(process.execPath, [script, ...args], { cwd: ROOT, env }))
    .stdout;
}

describe.each(['README.md', 'packages/core/README.md'])('%s', (readme) => {
  it('gives keygen commands that work from a clone: keys and Prosody lines, or a rotation', async () => {
    const commands = shellLines(readme).flatMap((line) => CLONE_COMMAND.exec(line)?.[1] ?? []);
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) {
      const stdout = await runFromClone(command);
      if (command.includes('--rotate')) {
        expect(stdout).toContain(`token_secret = { "${CURRENT.tokenSecret}", "`);
        expect(stdout.match(/^# Phase \d/gm)).toHaveLength(3);
        continue;
      }
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

describe('packages/core/README.md, keygen --rotate', () => {
  it('shows what the command prints, with <current> and <next> for the keys', async () => {
    const text = readFileSync(`${ROOT}packages/core/README.md`, 'utf8');
    const shown = /^```text\n\$ XMPP_TOKEN_SECRET=<current> .*keygen --rotate\n([\s\S]*?)^```/m;
    const printed = await runFromClone('packages/core/dist/cli.js keygen --rotate');
    const next = /^token_secret = "([A-Z2-7]+)"$/m.exec(printed)?.[1] ?? '';
    const nextSeed = /^otp_seed = "([A-Z2-7]+)"$/m.exec(printed)?.[1] ?? '';
    const placeheld = [
      [CURRENT.tokenSecret, '<current>'],
      [CURRENT.otpSeed, '<current>'],
      [next, '<next>'],
      [nextSeed, '<next>'],
    ].reduce((out, [key = '', name = '']) => out.replaceAll(key, name), printed);
    expect(shown.exec(text)?.[1]).toBe(placeheld);
  });
});
