import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const srcDir = new URL('../src/', import.meta.url);
const sources = readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.ts'))
  .map((name) => [name, readFileSync(new URL(name, srcDir), 'utf8')] as const);

describe('the client source is browser-safe', () => {
  it('has source files to check', () => {
    expect(sources.length).toBeGreaterThan(5);
  });

  it.each(sources)('%s imports only its own files and uses no Node globals', (_name, text) => {
    const specifiers = [...text.matchAll(/\bfrom\s+'([^']+)'/g)].map((m) => m[1]);
    expect(specifiers.filter((s) => !s?.startsWith('./') && !s?.startsWith('../'))).toEqual([]);
    expect(text).not.toMatch(/\b(?:Buffer|process|require|__dirname)\b/);
  });
});
