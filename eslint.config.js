// Lint: TypeScript strict rules, React hooks, and the layering the architecture relies on —
// runtime shows in the path, and each heavy dependency has one owner folder.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'url'];

/** @param {string[]} groups @param {string} message */
const forbid = (groups, message) => ({ group: groups, message });

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.es2023 } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    files: ['*.config.ts', '*.config.js', '*.config.mjs'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: [
      'build/**/*.mjs',
      'test/**/*.mjs',
      '*.config.*',
      'test/**/*.ts',
      'electron/**/*.ts',
      'hub/**/*.ts',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(['electron', ...NODE_BUILTINS], 'The renderer runs in a browser: use Platform.'),
            forbid(['**/electron/**'], 'The renderer reaches the host only through Platform.'),
            forbid(['dexie', 'dexie/*'], 'Only renderer/data imports dexie.'),
            forbid(['zustand', 'zustand/*'], 'Only renderer/state imports zustand.'),
            forbid(['maplibre-gl', 'maplibre-gl/*'], 'Only renderer/map imports maplibre-gl.'),
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/data/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [forbid(['electron', ...NODE_BUILTINS, '**/electron/**'], 'Browser code.')] },
      ],
    },
  },
  {
    files: ['renderer/map/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(['electron', ...NODE_BUILTINS, '**/electron/**'], 'Browser code.'),
            forbid(['dexie', 'dexie/*'], 'Only renderer/data imports dexie.'),
            forbid(['zustand', 'zustand/*'], 'Only renderer/state imports zustand.'),
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/state/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(['electron', ...NODE_BUILTINS, '**/electron/**'], 'Browser code.'),
            forbid(['dexie', 'dexie/*'], 'Only renderer/data imports dexie.'),
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(
              ['electron', 'react', 'react-*', 'dexie', 'zustand', 'maplibre-gl', ...NODE_BUILTINS],
              'shared/ runs everywhere: no host, UI or storage libraries.',
            ),
            forbid(['**/renderer/**', '**/electron/**'], 'shared/ must not depend on a host.'),
          ],
        },
      ],
    },
  },
  {
    files: ['hub/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(
              ['electron', 'react', 'react-*', 'dexie', 'zustand', 'maplibre-gl'],
              'The hub is a Node service: no app host, UI or browser storage libraries.',
            ),
            forbid(
              ['**/renderer/**', '**/electron/**'],
              'The hub shares only shared/ with the app, and never reads the data.',
            ),
          ],
        },
      ],
    },
  },
  {
    // Tests run in Node and may read files; the layering rules are for shipped code.
    files: ['shared/**/*.test.ts', 'renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(['react', 'react-*', 'dexie', 'zustand', 'maplibre-gl'], 'Main process code.'),
            forbid(['**/renderer/**'], 'The main process must not import renderer code.'),
          ],
        },
      ],
    },
  },
  {
    // Only the composition roots touch Electron at run time; everything else takes its
    // dependencies as arguments, so it is unit-tested in Node without the Electron binary.
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/main.ts', 'electron/preload/preload.ts', 'electron/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Only main.ts and preload.ts import Electron values; use `import type`.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
);
