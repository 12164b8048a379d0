// Prints the gzipped JavaScript the home route loads before any worker or wasm, and fails over budget.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 150 * 1024;
const output = '.svelte-kit/output/client';
const manifest = JSON.parse(readFileSync(join(output, '.vite/manifest.json'), 'utf8'));
const appModule = readFileSync('.svelte-kit/generated/client-optimized/app.js', 'utf8');
const homeNodes = JSON.parse(/"\/":\s*(\[[^\]]*\])/.exec(appModule)?.[1] ?? '[]').map(Math.abs);

const generated = '.svelte-kit/generated/client-optimized';
const roots = [
  'node_modules/@sveltejs/kit/src/runtime/client/entry.js',
  `${generated}/app.js`,
  `${generated}/nodes/0.js`,
  ...homeNodes.map((node) => `${generated}/nodes/${node}.js`)
];

// Dynamic imports of other routes' nodes load only when navigating there; every other dynamic import
// (e.g. workbox-window at registration) loads with the first page and is counted.
const isOtherRoute = (key) => key.includes('/nodes/') || key.includes('error-template');

const seen = new Set();
const visit = (key) => {
  if (seen.has(key)) return;
  const chunk = manifest[key];
  if (!chunk) throw new Error(`not in the Vite manifest: ${key}`);
  seen.add(key);
  for (const next of chunk.imports ?? []) visit(next);
  for (const next of chunk.dynamicImports ?? []) if (!isOtherRoute(next)) visit(next);
};
roots.forEach(visit);

const rows = [...seen]
  .map((key) => manifest[key].file)
  .filter((file) => file.endsWith('.js'))
  .map((file) => {
    const bytes = readFileSync(join(output, file));
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  })
  .sort((a, b) => b.gzip - a.gzip);

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const total = rows.reduce((sum, row) => sum + row.gzip, 0);
console.log('Initial route JavaScript (home page, without workers and wasm):');
for (const row of rows)
  console.log(`  ${kb(row.gzip).padStart(9)} gzip  ${kb(row.raw).padStart(9)} raw  ${row.file}`);
console.log(`  ${kb(total).padStart(9)} gzip total, budget ${kb(BUDGET_BYTES)}`);
if (total > BUDGET_BYTES) {
  console.error(
    `Over budget by ${kb(total - BUDGET_BYTES)}: move code out of the first page or into a worker.`
  );
  process.exit(1);
}
