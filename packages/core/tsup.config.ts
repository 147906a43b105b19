import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared.ts';

export default defineConfig([
  // Two entries, one copy of each module: shared code (the error classes above all) goes to a
  // common chunk, so `instanceof VerificationError` holds whichever entry made the error.
  { ...packageBuild({ index: 'src/index.ts', adapter: 'src/adapter.ts' }), splitting: true },
  // The CLI is an executable, not an import target: ESM only, no declarations.
  { ...packageBuild({ cli: 'src/cli.ts' }), format: ['esm'], dts: false, clean: false },
]);
