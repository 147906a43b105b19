// Packs every publishable package as npm would ship it, then runs publint and
// @arethetypeswrong/cli on the tarball: exports maps, ESM/CJS types, files actually shipped
// (the LICENSE among them).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
const pnpm = process.env.npm_execpath;
const out = mkdtempSync(join(tmpdir(), 'xmpp-token-pack-'));
let failed = 0;
try {
  for (const name of readdirSync(join(root, 'packages')).sort()) {
    const dir = join(root, 'packages', name);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    if (manifest.private) continue;
    const packArgs = ['pack', '--pack-destination', out];
    const packed = run(pnpm ?? 'npm', packArgs, dir);
    const tarball = join(out, packed.trim().split('\n').pop().split('/').pop());
    try {
      const files = run('tar', ['-tzf', tarball], dir).split('\n');
      if (!files.includes('package/LICENSE')) throw new Error('LICENSE missing from the tarball');
      run(bin('publint'), ['run', tarball, '--strict'], dir);
      run(bin('attw'), [tarball, '--format', 'table-flipped'], dir);
      console.log(`ok ${manifest.name}: LICENSE shipped, publint and attw pass`);
    } catch (error) {
      failed++;
      console.error(`FAIL ${manifest.name}\n${error.stdout ?? error.message}`);
    }
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
process.exitCode = failed === 0 ? 0 : 1;
