// `npm run build [app|cli|server…]` (all three by default): the static app into build/, and the CLI and the
// server as plain JavaScript into dist/, so neither compiles TypeScript when it starts. Each build writes a stamp
// of its inputs (scripts/build-state.mjs) that `npm start` and bin/image-studio.mjs check.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  APP_INPUTS,
  APP_STAMP,
  CLI_STAMP,
  fingerprint,
  listInputs,
  projectRoot,
  SERVER_STAMP,
  writeStamp
} from './build-state.mjs';

const alias = {
  $core: join(projectRoot, 'src/lib/core'),
  $workers: join(projectRoot, 'workers'),
  $lib: join(projectRoot, 'src/lib')
};

/**
 * A Node program bundled from `entry` into `outDir`: our TypeScript compiled and joined, every package left as
 * an import (sharp, tfjs and magick-wasm load from node_modules as they are) but zod, whose ~90 modules Node 20
 * loads one file at a time (110 ms at every CLI start; 50 ms joined in). Dynamic imports stay separate chunks,
 * so what a command does not use is never loaded. Returns the project files it was built from.
 */
async function buildNode(entry, outDir) {
  rmSync(join(projectRoot, outDir), { recursive: true, force: true });
  // Imported here: `npm start` and the CLI launcher import this file for its constants without loading Vite.
  const { build } = await import('vite');
  const output = await build({
    configFile: false,
    logLevel: 'warn',
    root: projectRoot,
    resolve: { alias },
    ssr: { noExternal: ['zod'] },
    build: {
      ssr: entry,
      outDir,
      target: 'node20',
      minify: false,
      sourcemap: true,
      reportCompressedSize: false,
      rollupOptions: {
        output: { entryFileNames: 'main.js', chunkFileNames: '[name]-[hash].js', format: 'es' }
      }
    }
  });
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((result) => result.output);
  return chunks
    .flatMap((chunk) => chunk.moduleIds ?? [])
    .filter((id) => id.startsWith(projectRoot) && !id.includes('/node_modules/') && !id.includes('\0'))
    .map((id) => id.slice(projectRoot.length + 1).split('?')[0]);
}

export async function buildCli() {
  writeStamp(CLI_STAMP, fingerprint(await buildNode('cli/main.ts', 'dist/cli')), ['dist/cli/main.js']);
}

export async function buildServer() {
  const inputs = await buildNode('proxy/main.ts', 'dist/server');
  // Read at run time beside the server's code, as proxy/db/migrate.ts reads them beside itself.
  mkdirSync(join(projectRoot, 'dist/server/migrations'), { recursive: true });
  cpSync(join(projectRoot, 'proxy/db/migrations'), join(projectRoot, 'dist/server/migrations'), {
    recursive: true
  });
  const migrations = listInputs(['proxy/db/migrations']);
  writeStamp(SERVER_STAMP, fingerprint([...inputs, ...migrations]), ['dist/server/main.js']);
}

/**
 * The SvelteKit app through Vite, as `vite build` runs it. `quiet` (for `npm start`) prints one line instead of
 * Vite's hundreds, and everything only when the build fails.
 */
export function buildApp({ quiet = false } = {}) {
  const started = performance.now();
  const inputs = fingerprint(listInputs(APP_INPUTS));
  for (const [command, ...args] of [
    ['node', 'scripts/copy-models.mjs'],
    ['node', 'scripts/build-wasm.mjs'],
    ['npx', 'vite', 'build']
  ]) {
    const result = spawnSync(command, args, {
      cwd: projectRoot,
      stdio: quiet ? 'pipe' : 'inherit',
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024
    });
    if (result.status !== 0) {
      if (quiet) process.stderr.write(`${result.stdout}${result.stderr}`);
      throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
    }
  }
  writeStamp(APP_STAMP, inputs, ['build/200.html', 'build/sw.js']);
  if (quiet) console.log(`App built into build/ in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
}

const targets = { app: () => buildApp(), cli: buildCli, server: buildServer };

if (import.meta.url === `file://${process.argv[1]}`) {
  const wanted = process.argv.slice(2);
  for (const name of wanted.length ? wanted : Object.keys(targets)) {
    const target = targets[name];
    if (!target) throw new Error(`Unknown build target "${name}" (app, cli, server).`);
    await target();
  }
}
