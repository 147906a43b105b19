import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared.ts';

export default defineConfig([
  packageBuild({ index: 'src/index.ts' }),
  // The CLI is an executable, not an import target: ESM only, no declarations.
  { ...packageBuild({ cli: 'src/cli.ts' }), format: ['esm'], dts: false, clean: false },
]);
