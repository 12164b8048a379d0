import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import { chromium, type Browser, type LaunchOptions, type Page } from '@playwright/test';
import { build } from 'vite';

/**
 * The one place that finds and starts Chromium, for e2e (playwright.config.ts), bench, scripts and the unit tests
 * that run worker code in a real browser.
 */

/**
 * The Chromium to drive: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own download.
 * With none of them the run fails with the install command rather than skipping.
 */
export function chromiumExecutable(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  let bundled: string | undefined;
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = undefined;
  }
  if (bundled && existsSync(bundled)) return undefined;
  throw new Error(
    'No Chromium found for the end-to-end tests. Install one with `sudo apt-get install -y chromium` ' +
      '(Debian/Ubuntu) or `npx playwright install chromium`, or set CHROMIUM_PATH to a Chromium binary.'
  );
}

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run'
];

export const launchChromium = (options: LaunchOptions = {}): Promise<Browser> =>
  chromium.launch({ executablePath: chromiumExecutable(), args: chromiumArgs, ...options });

const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.bin': 'application/octet-stream',
  '.jpg': 'image/jpeg'
};

/** Builds tests/support/optimize-page (the app's optimize worker pool on a bare page) with the app's aliases. */
async function buildOptimizePage(outDir: string): Promise<void> {
  const root = resolve('.');
  await build({
    configFile: false,
    logLevel: 'warn',
    root: join(root, 'tests/support/optimize-page'),
    resolve: {
      alias: {
        $core: join(root, 'src/lib/core'),
        $workers: join(root, 'workers'),
        $lib: join(root, 'src/lib')
      }
    },
    worker: { format: 'es' },
    build: { outDir, emptyOutDir: true }
  });
}

/** Serves the built page, the app's shipped models and wasm (static/), and named files from `extra`. */
function serve(outDir: string, extra: Record<string, string>): Promise<Server> {
  const roots: [string, string][] = [
    ['/models/', resolve('static/models/')],
    ['/tfjs/', resolve('static/tfjs/')],
    ['/', outDir]
  ];
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const root = roots.find(([prefix]) => path.startsWith(prefix));
    const candidate = root && join(root[1], path.slice(root[0].length) || 'index.html');
    const file = extra[path] ?? (candidate?.startsWith(root?.[1] ?? '/') ? candidate : undefined);
    try {
      const body = await readFile(file ?? '');
      response.writeHead(200, { 'content-type': types[extname(file ?? '')] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

export interface OptimizePage {
  page: Page;
  /** The browser's name and full version, e.g. "Chromium 156.0.8078.114". */
  browser: string;
  close(): Promise<void>;
}

/**
 * The optimize page in Chromium, served on loopback: `optimizePage` on its global object is its API
 * (`OptimizePageApi`). `files` maps URL paths to files on disk.
 */
export async function openOptimizePage(outDir: string, files: Record<string, string>): Promise<OptimizePage> {
  await buildOptimizePage(outDir);
  const server = await serve(outDir, files);
  const browser = await launchChromium();
  const page = await browser.newPage();
  const { port } = server.address() as AddressInfo;
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => 'optimizePage' in globalThis);
  return {
    page,
    browser: `Chromium ${browser.version()}`,
    async close() {
      await browser.close();
      await new Promise((done) => server.close(done));
    }
  };
}
