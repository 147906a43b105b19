import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared.ts';

// `shims`: the CommonJS build gets an `import.meta.url`, which locates the shipped Lua module.
export default defineConfig({
  ...packageBuild({ index: 'src/index.ts', 'test-server': 'src/test-server.ts' }),
  shims: true,
});
