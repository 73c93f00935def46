import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Import boundaries from CONVENTIONS.md: arrows point inward only. */
const forbid = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'bench/results/**', 'coverage/**', 'test-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/protocol/**', 'src/nlu/**', 'src/knowledge/**', 'src/privacy/**'],
    rules: forbid(
      ['**/http/**', '**/web/**', '**/storage/**', '**/bus/**', '**/conversation/**', '**/handoff/**', '**/cases/**', '**/training/**', '**/app', '**/main'],
      'Pure parts depend on nothing of ours (CONVENTIONS.md).',
    ),
  },
  {
    files: ['src/conversation/**', 'src/handoff/**', 'src/cases/**', 'src/training/**', 'src/events/**', 'src/webhooks/**', 'src/mail/**'],
    rules: forbid(
      ['**/http/**', '**/web/**', '**/storage/sqlite/**', '**/storage/postgres/**', '**/storage/create', '**/bus/redis', '**/bus/memory', '**/bus/create', '**/app', '**/main'],
      'Domain parts use the storage/bus interfaces, never http, web or a concrete adapter.',
    ),
  },
  {
    files: ['src/storage/**', 'src/bus/**'],
    rules: forbid(['**/http/**', '**/web/**', '**/conversation/**', '**/handoff/**', '**/cases/**', '**/training/**', '**/app', '**/main'], 'Adapters know only their interfaces.'),
  },
  {
    files: ['src/web/**'],
    rules: forbid(
      [
        '**/http/**', '**/nlu/**', '**/knowledge/**', '**/privacy/**', '**/storage/**', '**/bus/**', '**/conversation/**', '**/handoff/**', '**/cases/**', '**/training/**', '**/app', '**/main', '**/config',
        // The console's own sections share names with server parts; one level up stays inside web/console.
        '!../training/*', '!../cases/*',
      ],
      'Browser code imports only src/protocol.',
    ),
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
