import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'out/**',
      'coverage/**',
      'examples/*/public/**',
      'test/snippets/.build/**',
      'test/snippets/.run/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: {
      globals: Object.fromEntries(
        [
          'process',
          'console',
          'URL',
          'setImmediate',
          'Buffer',
          'setTimeout',
          'clearTimeout',
          'setInterval',
          'clearInterval',
          'TextEncoder',
          'TextDecoder',
          'fetch',
          'AbortController',
          'structuredClone',
          'document',
          'window',
          'globalThis',
        ].map((name) => [name, 'readonly']),
      ),
    },
    rules: { 'no-console': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: [
      'bench/**',
      'examples/**',
      'scripts/**',
      '**/bin/**',
      '**/src/cli*.ts',
      '**/src/cli/**',
    ],
    rules: { 'no-console': 'off' },
  },
  {
    // README snippet contexts declare globals, so they are scripts: no top-level import, and
    // `import()` types, a triple-slash reference and the NodeJS namespace are how they name types.
    files: ['test/snippets/contexts/**'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'off',
      '@typescript-eslint/triple-slash-reference': 'off',
      '@typescript-eslint/no-namespace': 'off',
    },
  },
);
