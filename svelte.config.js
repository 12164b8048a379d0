import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { APP_INPUTS, inputsHash, listInputs } from './scripts/build-state.mjs';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: {
    runes: true
  },
  kit: {
    // A static SPA: the Hono proxy serves build/ and falls back to 200.html for every route.
    adapter: adapter({ fallback: '200.html', strict: true }),
    // A hash of the sources, not the clock: building the same commit twice gives the same files, so a restarted
    // server never makes open tabs announce a new version.
    version: { name: inputsHash(listInputs(APP_INPUTS)) },
    alias: {
      $workers: 'workers',
      $core: 'src/lib/core'
    },
    typescript: {
      config(tsconfig) {
        tsconfig.include.push(
          '../workers/**/*.ts',
          '../proxy/**/*.ts',
          '../bench/**/*.ts',
          '../scripts/**/*.ts',
          '../playwright.config.ts'
        );
        // AssemblyScript, typed by its own tsconfig there and compiled by scripts/build-wasm.mjs.
        tsconfig.exclude.push('../workers/**/assembly/**');
      }
    }
  }
};

export default config;
