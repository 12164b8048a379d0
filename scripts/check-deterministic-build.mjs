// Builds the app a second time and fails unless the files and the service worker's precache list are exactly
// those of the build already in build/: a restart or a redeploy of the same commit must not make open tabs
// announce a new version. Run by `npm run e2e` after its build.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildApp } from './build.mjs';

/** Every file under build/ with the revision the precache list gives it (files not precached: null). */
function snapshot() {
  const precache = new Map(
    [...readFileSync('build/sw.js', 'utf8').matchAll(/\{url:"([^"]+)",revision:(?:"([^"]+)"|null)\}/g)].map(
      ([, url, revision]) => [url, revision ?? null]
    )
  );
  if (precache.size === 0) throw new Error('build/sw.js has no precache list (has its format changed?)');
  const files = new Map();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative('build', path), precache.get(relative('build', path)) ?? null);
    }
  };
  walk('build');
  for (const [url, revision] of precache) files.set(`precache:${url}`, revision);
  return files;
}

const first = snapshot();
buildApp({ quiet: true });
const second = snapshot();
const differences = [...new Set([...first.keys(), ...second.keys()])].filter(
  (key) => first.get(key) !== second.get(key) || first.has(key) !== second.has(key)
);
if (differences.length) {
  console.error(`The same sources built twice differ in ${differences.length} entries:`);
  const state = (files, key) => (files.has(key) ? (files.get(key) ?? 'present') : 'absent');
  for (const key of differences.slice(0, 20))
    console.error(`  ${key}: ${state(first, key)} → ${state(second, key)}`);
  process.exit(1);
}
console.log(`Deterministic build: ${first.size} files and precache entries identical across two builds.`);
