import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT, publishedPackages } from './support/workspace.js';

// What every published package must hold, as a user installing its tarball gets it.
const LICENSE = readFileSync(`${ROOT}LICENSE`, 'utf8');
const packages = publishedPackages();

describe.each(packages.map(({ dir, manifest }) => ({ dir, manifest, name: manifest.name })))(
  '$name',
  ({ dir, manifest }) => {
    it('ships the MIT license text its package.json names', () => {
      expect(manifest.license).toBe('MIT');
      expect(LICENSE).toMatch(/^MIT License\n\nCopyright \(c\) 2026 xmpp-token contributors\n/);
      expect(readFileSync(`${dir}/LICENSE`, 'utf8')).toBe(LICENSE);
      // Listed, although npm packs a LICENSE anyway; scripts/check-packages.mjs (run by `pnpm
      // test`) checks the packed tarball itself.
      expect(manifest.files).toContain('LICENSE');
    });

    // A @types package among the dependencies is installed into every app, JavaScript ones too,
    // and pins its framework's major for TypeScript ones (@types/passport-strategy pulled
    // @types/express@5 into Express 4 apps): types belong in optional peer dependencies.
    it('has no @types package among its runtime dependencies', () => {
      const types = Object.keys(manifest.dependencies ?? {}).filter((n) => n.startsWith('@types/'));
      expect(types).toEqual([]);
    });

    it('has declarations that import only node:*, its own files and declared packages', () => {
      const declared = new Set([
        manifest.name,
        ...Object.keys(manifest.dependencies ?? {}),
        ...Object.keys(manifest.peerDependencies ?? {}),
      ]);
      const undeclared = declarationImports(`${dir}/dist`).filter((specifier) => {
        if (specifier.startsWith('.') || specifier.startsWith('node:')) return false;
        const parts = specifier.split('/');
        const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
        return !declared.has(name ?? '') && !declared.has(`@types/${name}`);
      });
      expect(undeclared).toEqual([]);
    });
  },
);

/** Module specifiers of every `.d.ts`/`.d.cts` in `dir` (imports, exports, `import()` types). */
function declarationImports(dir: string): string[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.d.ts') || f.endsWith('.d.cts'));
  expect(files.length, `${dir} has no declarations: build first`).toBeGreaterThan(0);
  const pattern = /(?:from\s+|import\s*\(\s*|reference types=)['"]([^'"]+)['"]/g;
  return files.flatMap((file) =>
    [...readFileSync(`${dir}/${file}`, 'utf8').matchAll(pattern)].map((m) => m[1] ?? ''),
  );
}
