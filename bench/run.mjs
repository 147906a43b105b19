// Runs every bench/*.bench.mjs in its own process, one after another (the machine is small and
// shared: never two at once), and writes their Markdown into bench/RESULTS.md, with the load of
// the machine before and after (other work shares it, and the ratios' spreads show how much).
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';

const dir = new URL('.', import.meta.url);
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.bench.mjs'))
  .filter((name) => only.length === 0 || only.some((word) => name.includes(word)))
  .sort();

const load = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(', ');
const started = new Date();
const loadBefore = load();
const sections = [];
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
const minutes = ((Date.now() - started.getTime()) / 60_000).toFixed(0);
const header = [
  '# Benchmark results',
  '',
  `Produced by one \`pnpm bench\` run on ${started.toISOString().slice(0, 10)} (${minutes} min): ` +
    `Node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'unknown CPU'}. ` +
    `Load average (1, 5, 15 min) before: ${loadBefore}; after: ${load()}. Ratios within one ` +
    'run are what count; absolute numbers move with the load of this shared machine, and each ' +
    'cell gives the 25th-75th percentile of its within-round ratios next to the median, which ' +
    'is how noisy it was.',
  '',
];
if (only.length === 0)
  writeFileSync(new URL('RESULTS.md', dir), [...header, ...sections].join('\n'));
