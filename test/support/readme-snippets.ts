import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { ROOT } from './workspace.js';

// Fence languages that are checked, and the extension their file gets.
const EXTENSIONS: Readonly<Record<string, string>> = {
  js: 'js',
  javascript: 'js',
  mjs: 'mjs',
  jsx: 'jsx',
  ts: 'ts',
  typescript: 'ts',
  tsx: 'tsx',
};
export interface Snippet {
  readonly readme: string;
  /** README line of the block's first code line. */
  readonly line: number;
  readonly file: string;
  readonly context: string | undefined;
  readonly code: string;
}

/** Every README the snippet test reads: the root one, and those of packages/* and examples/*. */
export function readmes(): string[] {
  const under = (dir: string) =>
    readdirSync(`${ROOT}${dir}`, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${dir}/${entry.name}/README.md`)
      .filter((path) => existsSync(`${ROOT}${path}`));
  return ['README.md', ...under('packages'), ...under('examples')];
}

/**
 * The checked blocks of one README: language and marker from the fence's info string
 * (`ts fragment=koa`), code, and where it starts.
 */
export function snippetsOf(readme: string): Snippet[] {
  const text = readFileSync(`${ROOT}${readme}`, 'utf8');
  const fence = /^```(\w+)([^\n]*)\n([\s\S]*?)^```[ \t]*$/gm;
  return [...text.matchAll(fence)].flatMap((match) => {
    const [, lang = '', info = '', code = ''] = match;
    const extension = EXTENSIONS[lang];
    if (extension === undefined) return [];
    const line = text.slice(0, match.index).split('\n').length + 1;
    const words = info.trim().split(/\s+/).filter(Boolean);
    const marker = words.find((word) => word === 'fragment' || word.startsWith('fragment='));
    const context = marker === undefined ? undefined : (marker.split('=')[1] ?? 'node');
    const file = `${readme.replace(/\//g, '__').replace(/\.md$/, '')}__L${line}.${extension}`;
    return [{ readme, line, file, context, code }];
  });
}
