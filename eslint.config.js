import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig
      }
    }
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      // TypeScript already reports undefined names, including Vite's `define` constants.
      'no-undef': 'off',
      // The app is always served at the origin's root (no `paths.base`), so links need no resolve().
      'svelte/no-navigation-without-resolve': 'off'
    }
  },
  {
    files: ['proxy/main.ts', 'scripts/**', 'bench/**'],
    rules: { 'no-console': 'off' }
  },
  {
    ignores: [
      'build/',
      // The built CLI: its sources are linted; the bundler strips the comments that justify an empty catch.
      'dist/',
      '.svelte-kit/',
      'node_modules/',
      'static/',
      'test-results/',
      'playwright-report/',
      'data/'
    ]
  }
);
