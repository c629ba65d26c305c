// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The folder names the runtime (ARCHITECTURE §1), enforced at error level:
 * `electron` only in electron/main and electron/preload; the renderer never imports electron/ or
 * Node; shared/ imports nobody but itself and zod.
 */
const NODE_BUILTINS = ['fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'http', 'https', 'net', 'url', 'util', 'stream', 'zlib', 'events'];
const nodeBuiltinRule = { group: ['node:*', ...NODE_BUILTINS], message: 'Node-APIs gehören nach electron/services (ARCHITECTURE §1).' };
const electronRule = { name: 'electron', message: '`electron` nur in electron/main und electron/preload; Dienste bekommen Ports (ARCHITECTURE §2).' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.name='eval']", message: 'eval ist verboten.' }],
    },
  },
  {
    files: ['electron/services/**/*.ts', 'electron/cli/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronRule],
        patterns: [{ group: ['**/renderer/**', '**/electron/main/**', '**/electron/preload/**'], message: 'Dienste kennen weder Renderer noch Electron-Glue.' }],
      }],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**'], message: 'Main importiert keinen Renderer-Code.' }] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        paths: [electronRule],
        patterns: [
          { group: ['**/electron/**', '!**/node_modules/**'], message: 'Der Renderer spricht mit main nur über window.kb (renderer/src/lib/api.ts).' },
          nodeBuiltinRule,
        ],
      }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronRule],
        patterns: [
          { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ importiert niemanden außer sich selbst (ARCHITECTURE §1).' },
          nodeBuiltinRule,
        ],
      }],
    },
  },
  {
    files: ['tests/**/*.ts', '*.config.ts', 'bin/**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
