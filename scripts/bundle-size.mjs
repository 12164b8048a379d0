// The JavaScript a first visit to the home page downloads, measured in Chromium rather than guessed from the
// bundle graph: every script the page fetches from navigation until it has been idle past the app's deferred
// starts (the batch runner's check runs a second after mount), gzipped at level 9. Fails above the budget.
// Run through tsx (`npx tsx scripts/bundle-size.mjs`, as `npm run e2e` does) for the shared Chromium lookup.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../tests/support/chromium.ts';

const BUDGET_BYTES = 100 * 1024;
/** Longer than every deferred start on the home page, so what loads "right after first paint" is counted. */
const SETTLE_MS = 3_000;
const root = 'build';
const types = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html',
  '.json': 'application/json'
};

const server = createServer(async (request, response) => {
  const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
  const file = join(root, path.endsWith('/') ? '200.html' : path);
  const body = await readFile(file).catch(() =>
    extname(path) ? undefined : readFile(join(root, '200.html'))
  );
  if (!body) return response.writeHead(404).end();
  response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
  response.end(body);
});
await new Promise((listening) => server.listen(0, '127.0.0.1', listening));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await launchChromium();
const scripts = new Set();
try {
  // No service worker: its precache downloads the whole app in the background, which the page does not wait
  // for; workers and wasm are fetched by the modules that need them, not by the first page.
  const context = await browser.newContext({
    serviceWorkers: 'block',
    viewport: { width: 390, height: 844 }
  });
  const page = await context.newPage();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === origin && url.pathname.endsWith('.js')) scripts.add(url.pathname);
  });
  await page.goto(`${origin}/`, { waitUntil: 'networkidle' });
  await page.waitForTimeout(SETTLE_MS);
  await page.waitForLoadState('networkidle');
} finally {
  await browser.close();
  server.close();
}

const rows = await Promise.all(
  [...scripts].map(async (path) => {
    const bytes = await readFile(join(root, path));
    return { path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  })
);
rows.sort((a, b) => b.gzip - a.gzip);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const total = rows.reduce((sum, row) => sum + row.gzip, 0);
console.log(
  `Home page JavaScript, first visit in Chromium (${rows.length} scripts, idle ${SETTLE_MS / 1000} s after load):`
);
for (const row of rows)
  console.log(`  ${kb(row.gzip).padStart(9)} gzip  ${kb(row.raw).padStart(9)} raw  ${row.path}`);
console.log(`  ${kb(total).padStart(9)} gzip total, budget ${kb(BUDGET_BYTES)}`);
if (total > BUDGET_BYTES) {
  console.error(
    `Over budget by ${kb(total - BUDGET_BYTES)}: move code out of the first page or into a worker.`
  );
  process.exit(1);
}
