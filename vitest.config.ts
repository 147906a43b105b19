import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import packages by name; resolve them to source so no build is needed to test. A subpath
// export `@xmpp-token/<name>/<entry>` resolves to packages/<name>/src/<entry>.ts.
const packagesDir = fileURLToPath(new URL('./packages', import.meta.url));
const alias = readdirSync(packagesDir).flatMap((name) => [
  { find: new RegExp(`^@xmpp-token/${name}$`), replacement: `${packagesDir}/${name}/src/index.ts` },
  {
    find: new RegExp(`^@xmpp-token/${name}/(.+)$`),
    replacement: `${packagesDir}/${name}/src/$1.ts`,
  },
]);

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    typecheck: {
      enabled: true,
      include: ['packages/*/test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
