import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const srcDir = new URL('../src/', import.meta.url);
const sources = readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.ts'))
  .map((name) => [name, readFileSync(new URL(name, srcDir), 'utf8')] as const);

// `from 'x'`, a side-effect `import 'x'`, `import('x')` and `require('x')`, in either quotes.
const IMPORT_SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(['"])([^'"]+)\1/g;

describe('the client source is browser-safe', () => {
  it('has source files to check', () => {
    expect(sources.length).toBeGreaterThan(5);
  });

  it('the import scan sees every form of import', () => {
    const text = [
      `import { a } from 'static';`,
      `export * from "re-export";`,
      `import 'side-effect';`,
      `const b = await import("dynamic");`,
      `const c = require('required');`,
    ].join('\n');
    expect([...text.matchAll(IMPORT_SPECIFIER)].map((m) => m[2])).toEqual([
      'static',
      're-export',
      'side-effect',
      'dynamic',
      'required',
    ]);
  });

  it.each(sources)('%s imports only its own files and uses no Node globals', (_name, text) => {
    const specifiers = [...text.matchAll(IMPORT_SPECIFIER)].map((m) => m[2]);
    expect(specifiers.filter((s) => !s?.startsWith('./') && !s?.startsWith('../'))).toEqual([]);
    expect(text).not.toMatch(/\b(?:Buffer|process|require|__dirname)\b/);
  });
});
