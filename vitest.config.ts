import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import packages by name; resolve them to source so no build is needed to test. Each
// subpath of a package's `exports` (`@xmpp-token/core/adapter`) maps to `src/<subpath>.ts`.
const packagesDir = fileURLToPath(new URL('./packages', import.meta.url));
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const alias = readdirSync(packagesDir).flatMap((name) => {
  const manifest = JSON.parse(readFileSync(`${packagesDir}/${name}/package.json`, 'utf8')) as {
    exports?: Record<string, unknown>;
  };
  const subpaths = Object.keys(manifest.exports ?? { '.': null }).filter(
    (key) => key !== './package.json',
  );
  return subpaths.map((subpath) => {
    const file = subpath === '.' ? 'index' : subpath.slice(2);
    return {
      find: new RegExp(`^${escape(`@xmpp-token/${name}${subpath.slice(1)}`)}$`),
      replacement: `${packagesDir}/${name}/src/${file}.ts`,
    };
  });
});

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    typecheck: {
      enabled: true,
      include: ['packages/*/test/**/*.test-d.ts', 'test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
