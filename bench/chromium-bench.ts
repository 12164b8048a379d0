import { createServer, type Server } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build } from 'vite';
import { chromiumArgs, chromiumExecutable } from '../tests/e2e/browser';

const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.bin': 'application/octet-stream',
  '.jpg': 'image/jpeg'
};

/** Builds bench/browser (the app's optimize worker pool on a bare page) with the app's aliases. */
async function buildPage(outDir: string): Promise<void> {
  const root = resolve('.');
  await build({
    configFile: false,
    logLevel: 'warn',
    root: join(root, 'bench/browser'),
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

/** Resident memory of the browser and every process it started, from /proc (Linux). */
export function processTreeRss(rootPid: number): number {
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      rss.set(Number(entry), Number(fields[21]) * 4096);
    } catch {
      // The process ended while we looked.
    }
  }
  const inTree = (pid: number): boolean => {
    for (let current = pid, hops = 0; current > 1 && hops < 64; hops++) {
      if (current === rootPid) return true;
      current = parents.get(current) ?? 0;
    }
    return false;
  };
  let total = 0;
  for (const [pid, bytes] of rss) if (inTree(pid)) total += bytes;
  return total;
}

export interface BenchPage {
  page: Page;
  /** The browser's name and full version, e.g. "Chromium 156.0.8078.114". */
  browser: string;
  close(): Promise<void>;
}

/** Memory of the Chromium this process started: every process under ours, minus ourselves. */
export const chromiumRss = (): number => processTreeRss(process.pid) - process.memoryUsage().rss;

/** The bench page in Debian's Chromium, served on loopback. */
export async function openBenchPage(outDir: string, files: Record<string, string>): Promise<BenchPage> {
  await buildPage(outDir);
  const server = await serve(outDir, files);
  const browser: Browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    args: chromiumArgs
  });
  const page = await browser.newPage();
  const { port } = server.address() as AddressInfo;
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => 'bench' in globalThis);
  return {
    page,
    browser: `Chromium ${browser.version()}`,
    async close() {
      await browser.close();
      await new Promise((done) => server.close(done));
    }
  };
}
