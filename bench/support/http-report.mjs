// The Markdown an HTTP bench prints: per setup, the median over rounds of within-round ratios
// with their quartiles, and the targets line. See http-bench.mjs for how the numbers are taken.
import { basename } from 'node:path';
import { count, machineLoad, markdownTable, median, ratioCell } from './stats.mjs';

/** Within-round ratios of `name`'s overhead in `field` (over bare) to the floor's. */
function overheadRatios(rounds, name, field) {
  return rounds.map((r) => (r[name][field] - r.bare[field]) / (r.floor[field] - r.bare[field]));
}

function table(rounds, setups) {
  const overhead = (name, field) =>
    name === 'bare' ? '(0)' : ratioCell(overheadRatios(rounds, name, field));
  const measured = Object.entries(setups).filter(([name]) => name in rounds[0]);
  const rows = measured.map(([name, { label, fixedRate }]) => {
    const timed = fixedRate !== false;
    const samples = rounds.reduce((sum, r) => sum + (r[name].samples ?? 0), 0);
    return [
      label,
      overhead(name, 'inPlaceSaturated'),
      timed ? overhead(name, 'inPlaceFixed') : '-',
      timed ? overhead(name, 'cpuPerRequest') : '-',
      timed ? overhead(name, 'cpuPerRequestPooled') : '-',
      ratioCell(rounds.map((r) => r[name].rps / r.bare.rps)),
      ratioCell(rounds.map((r) => r[name].rps / r.floor.rps)),
      timed ? count(samples) : '-',
    ];
  });
  const rate = 'the fixed rate';
  return markdownTable(
    [
      'setup',
      'in place, saturated: overhead / floor’s',
      `in place at ${rate}: overhead / floor’s`,
      `CPU per request at ${rate} (median slice): overhead / floor’s`,
      'the same, all slices pooled',
      'saturated req/s / bare',
      'saturated req/s / floor',
      'requests timed in place',
    ],
    rows,
  );
}

/** The targets line: our in-place and CPU overhead ratios against the 1.15 limit. */
function verdict(rounds, ours) {
  const check = (field) => {
    const value = median(overheadRatios(rounds, ours, field).filter(Number.isFinite));
    return `${value.toFixed(2)} (${value <= 1.15 ? 'met' : 'NOT met'})`;
  };
  const late = median(rounds.map((r) => Math.max(...Object.values(r).map((m) => m.late ?? 0))));
  return (
    `Target: overhead over bare <= 1.15x the floor's. In place: ${check('inPlaceSaturated')} ` +
    `saturated, ${check('inPlaceFixed')} at the fixed rate; CPU per request at the fixed rate: ` +
    `${check('cpuPerRequest')} (median slice; all slices pooled: ${check('cpuPerRequestPooled')}). ` +
    'Requests of the fixed rate that found every connection busy ' +
    `(the server behind): ${(late * 100).toFixed(1)}% (median of the worst setup per round).`
  );
}

/** The bench's section: title, method, table, targets. */
export async function section(script, bench, load, rounds) {
  const name = basename(new URL(script).pathname, '.bench.mjs');
  const { connections, warmupSeconds, rateWarmupSeconds, sliceSeconds, slices } = load;
  const rates = rounds.map((r) => r.bare.rate);
  const rate =
    load.rate === undefined
      ? `a fixed rate, ${load.rateShare * 100}% of the slowest setup's saturated rate in the ` +
        `round (${count(Math.min(...rates))} to ${count(Math.max(...rates))} req/s)`
      : `${count(load.rate)} req/s`;
  return [
    `## ${bench.title}`,
    '',
    `\`pnpm bench ${name}\` (${bench.stack}): ${rounds.length} rounds, each setup in a fresh ` +
      `server process per round, the order alternating; per setup and round ${warmupSeconds} s ` +
      `of warm-up, then ${slices} slices of ${sliceSeconds} s saturated (closed loop, ` +
      `${connections} connections), then ${rateWarmupSeconds} s of warm-up and ${slices} slices of ` +
      `${sliceSeconds} s at ${rate} (open loop), the same for every setup; within a phase the ` +
      'setups take turns slice by slice, in alternating order. Cells: median of the within-round ' +
      'ratios [25th-75th percentile]. Every X-TOKEN request carries a distinct fresh token and ' +
      `every answer is a 2xx. Finished at ${await machineLoad()}.`,
    '',
    table(rounds, bench.setups),
    '',
    verdict(rounds, bench.ours ?? 'xmpp'),
    bench.note ? `\n${bench.note}` : '',
  ].join('\n');
}
