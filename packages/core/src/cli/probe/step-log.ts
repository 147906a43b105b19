import { performance } from 'node:perf_hooks';
import type { ProbeStep, ProbeStepName, ProbeStepStatus } from './probe-report.js';

/** Records the probe's steps with their durations, one open at a time. */
export interface StepLog {
  readonly steps: readonly ProbeStep[];
  begin(step: ProbeStepName): void;
  /** Ends the open step (no-op when none is open). */
  end(status: ProbeStepStatus, detail: string): void;
  /** A step that does not apply here (no TLS on `ws://`). */
  skip(step: ProbeStepName, detail: string): void;
}

export function createStepLog(): StepLog {
  const steps: ProbeStep[] = [];
  let open: { readonly step: ProbeStepName; readonly start: number } | undefined;
  return {
    steps,
    begin(step) {
      open = { step, start: performance.now() };
    },
    end(status, detail) {
      if (open === undefined) return;
      steps.push({
        step: open.step,
        status,
        ms: Math.round(performance.now() - open.start),
        detail,
      });
      open = undefined;
    },
    skip(step, detail) {
      steps.push({ step, status: 'skipped', ms: 0, detail });
    },
  };
}
