import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { webManifest } from './src/lib/app/web-manifest.ts';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const PROXY_DEV_PORT = Number(process.env.PROXY_DEV_PORT ?? 8788);

export default defineConfig({
  plugins: [
    sveltekit(),
    SvelteKitPWA({
      // "prompt": a new deployment waits until the user accepts the reload, so no work in progress is lost.
      registerType: 'prompt',
      strategies: 'generateSW',
      // SvelteKit's relative paths would register `./sw.js`, which from a board link (`/b/<id>`) is `/b/sw.js`
      // (a 404): the app has one service worker, at the root, whatever page a visitor opens first.
      buildBase: '/',
      scope: '/',
      manifest: webManifest,
      kit: { adapterFallback: '200.html', spa: true },
      workbox: {
        // Globs are relative to .svelte-kit/output; wasm, model json/bin and worker bundles must all be
        // precached or the offline image path breaks.
        globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,webmanifest,wasm,json,bin,jpg,csv}'],
        maximumFileSizeToCacheInBytes: 20 * 1024 * 1024,
        // The first visit's page is controlled at once, so it can go offline and hear about updates.
        clientsClaim: true,
        navigateFallbackDenylist: [/^\/api\//],
        // The Web Share Target's POST handler; a plain script in static/ keeps the generated service worker.
        importScripts: ['/share-target.js']
      },
      devOptions: { enabled: false }
    })
  ],
  build: {
    // three.js (the GLB viewer) is one ~640 KB chunk, fetched only when a 3D model is on screen.
    chunkSizeWarningLimit: 700
  },
  define: {
    __APP_VERSION__: JSON.stringify(version)
  },
  worker: {
    format: 'es'
  },
  server: {
    proxy: {
      '/api': `http://127.0.0.1:${PROXY_DEV_PORT}`
    }
  },
  test: {
    include: [
      'src/**/*.test.ts',
      'workers/**/*.test.ts',
      'proxy/**/*.test.ts',
      'bench/**/*.test.ts',
      'cli/**/*.test.ts'
    ],
    environment: 'node',
    testTimeout: 30_000
  }
});
