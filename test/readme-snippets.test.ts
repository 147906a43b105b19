// Every ```js / ```ts (and jsx, tsx, mjs) block of every README is type-checked, with the rules of
// tsconfig.base.json (JavaScript too, as with `// @ts-check`), against the BUILT packages resolved
// by name from test/snippets (whose package.json lists what the READMEs import), as an app would
// compile it. READMEs are found by glob: README.md, packages/*/README.md, examples/*/README.md.
// Only noUnusedLocals/noUnusedParameters are off: a snippet may show a value it does not use.
//
// Marker, in the fence's info string (GitHub highlights by the first word only):
//   ```ts                    a complete module: it must compile on its own.
//   ```ts fragment           a fragment: names it does not declare come from a context,
//   ```js fragment=express   test/snippets/contexts/<context>.d.ts (default `node`; also `express`,
//                            `koa`, `browser`), declared as globals that its own imports and
//                            declarations shadow. Browser blocks compile with DOM types and
//                            bundler resolution, like a page's code.
// Every block is a module (an `export {}` is appended), so top-level await works everywhere.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { readmes, snippetsOf, type Snippet } from './support/readme-snippets.js';
import { ROOT } from './support/workspace.js';

const SNIPPETS = `${ROOT}test/snippets`;
const BUILD = `${SNIPPETS}/.build`;
const CONTEXTS = new Set(readdirSync(`${SNIPPETS}/contexts`).map((f) => f.replace(/\.d\.ts$/, '')));
// The demo page imports the packages it serves by URL (examples/demo/app.js mounts the client's
// dist at /xmpp-token/ and Converse's at /converse/): checked as those packages.
const PAGE_URLS: Readonly<Record<string, string>> = {
  '/xmpp-token/index.js': '@xmpp-token/client',
  '/converse/converse.min.js': 'converse.js/dist/converse.min.js', // declared in contexts/browser
};

const snippets = readmes().flatMap(snippetsOf);
// One tsc project per context (each declares its own globals); `none` for complete modules.
const groups = new Map<string, Snippet[]>();
for (const snippet of snippets) {
  const context = snippet.context ?? 'none';
  groups.set(context, [...(groups.get(context) ?? []), snippet]);
}
const diagnostics = new Map<string, string[]>();

function compilerOptions(context: string): Record<string, unknown> {
  const browser = context === 'browser';
  return {
    noEmit: true,
    noUnusedLocals: false,
    noUnusedParameters: false,
    allowJs: true,
    checkJs: true,
    jsx: 'preserve',
    ...(browser
      ? { module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2023', 'DOM'], types: [] }
      : {}),
  };
}

function writeProject(context: string, group: readonly Snippet[]): string {
  const dir = `${BUILD}/${context}`;
  mkdirSync(dir, { recursive: true });
  for (const snippet of group) {
    let code = snippet.code;
    for (const [url, name] of Object.entries(PAGE_URLS))
      code = code.replaceAll(`'${url}'`, `'${name}'`);
    writeFileSync(`${dir}/${snippet.file}`, `${code}export {};\n`);
  }
  const files = group.map((snippet) => snippet.file);
  if (context !== 'none') files.unshift(`../../contexts/${context}.d.ts`);
  const config = {
    extends: '../../../../tsconfig.base.json',
    compilerOptions: compilerOptions(context),
    files,
  };
  writeFileSync(`${dir}/tsconfig.json`, JSON.stringify(config, null, 2));
  return dir;
}

/**
 * Type-checks one context's project with the compiler API, file by file: the tsc command stops
 * at the first syntax error of a project and would hide the other blocks' type errors.
 */
function typecheck(dir: string): void {
  const config = ts.getParsedCommandLineOfConfigFile(
    `${dir}/tsconfig.json`,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => record('(config)', diagnostic),
    },
  );
  if (config === undefined) return;
  const program = ts.createProgram(config.fileNames, config.options);
  for (const diagnostic of [...config.errors, ...program.getOptionsDiagnostics()]) {
    record('(config)', diagnostic);
  }
  for (const source of program.getSourceFiles()) {
    if (!source.fileName.startsWith(dir) && !source.fileName.includes('/contexts/')) continue;
    const file = source.fileName.split('/').pop() ?? source.fileName;
    for (const diagnostic of [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ]) {
      record(file, diagnostic);
    }
  }
}

function record(file: string, diagnostic: ts.Diagnostic): void {
  const where =
    diagnostic.file && diagnostic.start !== undefined
      ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start)
      : undefined;
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
  const message = `${where ? `(${where.line + 1},${where.character + 1})` : ''} TS${diagnostic.code}: ${text}`;
  diagnostics.set(file, [...(diagnostics.get(file) ?? []), message]);
}

beforeAll(() => {
  rmSync(BUILD, { recursive: true, force: true });
  for (const [context, group] of groups) typecheck(writeProject(context, group));
}, 120_000);

describe('README snippets', () => {
  it('are found in every README, with only known contexts', () => {
    expect(snippets.length).toBeGreaterThan(20);
    for (const { context, readme, line } of snippets) {
      if (context !== undefined) expect(CONTEXTS, `${readme}:${line}`).toContain(context);
    }
  });

  it('leave no diagnostic outside the snippets (contexts, configuration)', () => {
    const known = new Set(snippets.map((snippet) => snippet.file));
    const stray = [...diagnostics].filter(([file]) => !known.has(file));
    expect(stray).toEqual([]);
  });

  it.each(snippets.map((s) => ({ ...s, name: `${s.readme}:${s.line}` })))(
    '$name type-checks',
    ({ file, line }) => {
      // tsc's line N of the snippet file is README line `line + N - 1`.
      const errors = (diagnostics.get(file) ?? []).map((message) =>
        message.replace(
          /^\((\d+),(\d+)\)/,
          (_, l: string, c: string) => `line ${line + Number(l) - 1}:${c}`,
        ),
      );
      expect(errors).toEqual([]);
    },
  );

  // One name for each secret in every README, the CLI's and the examples' (not PROSODY_*).
  it.each(snippets.map((s) => ({ ...s, name: `${s.readme}:${s.line}` })))(
    '$name reads the secrets from XMPP_TOKEN_SECRET and XMPP_OTP_SEED',
    ({ code }) => {
      const names = [...code.matchAll(/process\.env\.(\w+)/g)].map((m) => m[1] ?? '');
      for (const name of names.filter((n) => /SECRET|SEED/.test(n))) {
        expect(['XMPP_TOKEN_SECRET', 'XMPP_OTP_SEED']).toContain(name);
      }
    },
  );
});
