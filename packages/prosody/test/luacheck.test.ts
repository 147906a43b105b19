import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { prosodyModuleFile } from '@xmpp-token/prosody';
import { describe, expect, it } from 'vitest';

// Debian's lua-check. Not part of `pnpm lint`, which must run on a machine with only Node.
const LUACHECK = process.env.LUACHECK ?? 'luacheck';
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const probe = spawnSync(LUACHECK, ['--version'], { encoding: 'utf8' });
const available = probe.status === 0;
if (!available) {
  const message = `${LUACHECK} not found: install the Debian package lua-check`;
  if (process.env.CI) throw new Error(`${message} (required in CI)`);
  console.warn(`${message}; skipping the Lua lint`);
}

describe.skipIf(!available)('luacheck', () => {
  it.each([
    ['the module', prosodyModuleFile],
    ['the test harness', fileURLToPath(new URL('./support/harness.lua', import.meta.url))],
  ])('%s is clean (Prosody’s globals declared in .luacheckrc)', (_name, file) => {
    const run = spawnSync(LUACHECK, ['--no-color', '--codes', '--config', '.luacheckrc', file], {
      cwd: packageDir,
      encoding: 'utf8',
    });
    expect(run.stdout).toContain('0 warnings / 0 errors');
    expect(run.status).toBe(0);
  });
});
