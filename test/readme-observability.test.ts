// The prom-client recipe of packages/core/README.md, run as written: the block is compiled and
// imported from test/snippets (where an app's dependencies resolve), then every verification
// outcome is produced and the counters are read.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createXmppToken } from '@xmpp-token/core';
import type { Counter, Histogram } from 'prom-client';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { DOMAIN, KEYS } from '../packages/core/test/support/adapter-matrix.js';
import { runVerifyMatrix } from '../packages/core/test/support/verify-matrix.js';
import { snippetsOf } from './support/readme-snippets.js';
import { ROOT } from './support/workspace.js';

interface Recipe {
  readonly verifications: Counter<'outcome'>;
  readonly verifySeconds: Histogram;
  readonly mints: Counter<'outcome'>;
}

async function importRecipe(): Promise<Recipe> {
  const block = snippetsOf('packages/core/README.md').find((s) =>
    s.code.startsWith('// metrics.ts'),
  );
  if (block === undefined) throw new Error('the README has no `// metrics.ts` block');
  const { outputText } = ts.transpileModule(block.code, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const dir = `${ROOT}test/snippets/.run`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/metrics.mjs`, outputText);
  return (await import(`${dir}/metrics.mjs`)) as Recipe;
}

const byOutcome = async (counter: Counter<'outcome'>) =>
  Object.fromEntries((await counter.get()).values.map((v) => [v.labels.outcome, v.value]));

describe('README recipe: prom-client counters by reason', () => {
  it('counts every verification by outcome, times them, and counts mints', async () => {
    const { verifications, verifySeconds, mints } = await importRecipe();
    const { outcomes } = await runVerifyMatrix();
    expect(() => createXmppToken({ ...KEYS, domain: DOMAIN }).mint('bad user')).toThrow();

    const expected: Record<string, number> = {};
    for (const outcome of outcomes) expected[outcome] = (expected[outcome] ?? 0) + 1;
    const counted = await byOutcome(verifications);
    expect(counted).toEqual(expected);
    // Each reason of the matrix, once, and both failing stores.
    expect(counted).toMatchObject({ ok: 1, expired: 1, not_yet_valid: 1, store_failure: 2 });

    const histogram = (await verifySeconds.get()).values;
    const count = histogram.find(
      (v) => v.metricName === 'xmpp_token_verify_duration_seconds_count',
    );
    expect(count?.value).toBe(outcomes.length);

    const minted = await byOutcome(mints);
    expect(minted.bad_jid).toBe(1);
    expect(minted.ok).toBeGreaterThan(0);
  });
});
