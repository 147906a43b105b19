// Small statistics and Markdown helpers shared by the benches.

/** The sum of `values`. */
export function sum(values) {
  return values.reduce((total, value) => total + value, 0);
}

/** The median of `values`. */
export function median(values) {
  return quantile(values, 0.5);
}

/** The `q` quantile of `values` (linear between the two nearest ranks). */
export function quantile(values, q) {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * q;
  const below = Math.floor(at);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (at - below);
}

/** `median [p25-p75]` of within-round ratios, two decimals: the value and how much it moved. */
export function ratioCell(ratios) {
  const finite = ratios.filter(Number.isFinite);
  if (finite.length === 0) return 'n/a';
  const [low, mid, high] = [0.25, 0.5, 0.75].map((q) => quantile(finite, q).toFixed(2));
  return `${mid} [${low}-${high}]`;
}

/** A Markdown table: `header` cells, then `rows`; the first column left-aligned, others right. */
export function markdownTable(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  const align = header.map((_, i) => (i === 0 ? '---' : '---:'));
  return [line(header), line(align), ...rows.map(line)].join('\n');
}

/** An integer with thousands separators. */
export const count = (n) => Math.round(n).toLocaleString('en-US');

/** The one-minute load average and CPU count, for the method notes. */
export async function machineLoad() {
  const os = await import('node:os');
  return `load average ${os.loadavg()[0].toFixed(2)} on ${os.cpus().length} CPUs`;
}
