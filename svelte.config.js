import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: {
    runes: true
  },
  kit: {
    // A static SPA: the Hono proxy serves build/ and falls back to 200.html for every route.
    adapter: adapter({ fallback: '200.html', strict: true }),
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
      }
    }
  }
};

export default config;
