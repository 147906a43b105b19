import type { Options } from 'tsup';

/** The one build recipe every package uses: ESM + CJS with .d.ts/.d.cts, Node 20. */
export function packageBuild(entry: Record<string, string>): Options {
  return {
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    splitting: false,
    treeshake: true,
  };
}
