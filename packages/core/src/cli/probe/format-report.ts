import type { AuthAttempt, ProbeReport, ProbeStepStatus } from './probe-report.js';

const STATUS: Readonly<Record<ProbeStepStatus, string>> = {
  ok: 'ok',
  failed: 'FAILED',
  skipped: '-',
};

/** The report for a terminal: the steps, the diagnosis, and the lines that fix it. */
export function formatReport(report: ProbeReport): string {
  const lines = [`xmpp-token probe: ${report.jid} at ${report.target}`];
  for (const { step, status, ms, detail } of report.steps) {
    const time = status === 'skipped' ? '' : ` (${ms} ms)`;
    lines.push(`  ${STATUS[status].padEnd(7)}${step.padEnd(10)}${detail}${time}`);
    if (step === 'auth' && report.attempts.length > 1) {
      lines.push(
        `${' '.repeat(19)}tokens minted ${report.attempts.map(describeAttempt).join(', ')}`,
      );
    }
  }
  const { code, message, fix } = report.diagnosis;
  lines.push('', `${code}: ${message}`);
  if (fix.length > 0) lines.push('Fix:', ...fix.map((line) => `  ${line}`));
  return lines.join('\n') + '\n';
}

function describeAttempt({ offsetSeconds, outcome }: AuthAttempt): string {
  const when = offsetSeconds === 0 ? 'now' : `${offsetSeconds > 0 ? '+' : ''}${offsetSeconds} s`;
  return `${when}: ${outcome}`;
}
