// Runs every bench/*.bench.mjs in its own process, one after another (the machine is small and
// shared: never two at once), and writes their Markdown into bench/RESULTS.md.
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';

const dir = new URL('.', import.meta.url);
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.bench.mjs'))
  .filter((name) => only.length === 0 || only.some((word) => name.includes(word)))
  .sort();

const sections = [
  '# Benchmark results',
  '',
  `Produced by \`pnpm bench\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ` +
    `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'unknown CPU'}. Ratios within one run are what ` +
    'count; absolute numbers move with the load of this shared machine.',
  '',
];
for (const file of files) {
  console.log(`> ${file}`);
  const out = execFileSync(process.execPath, ['--expose-gc', new URL(file, dir).pathname], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  console.log(out);
  sections.push(out.trim(), '');
}
if (only.length === 0) writeFileSync(new URL('RESULTS.md', dir), sections.join('\n'));
