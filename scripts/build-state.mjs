// What a build was made from, so `npm start` and the CLI launcher can tell whether a build is current without
// rebuilding. A stamp lists every input file with its size, modification time and SHA-256: the time is the quick
// check, the hash decides when the time moved but the bytes did not (a fresh checkout, `npm ci` copying models).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Paths in stamps are relative to the project, so a build can be checked from any working directory. */
export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const at = (file) => join(projectRoot, file);
const sha256 = (file) =>
  createHash('sha256')
    .update(readFileSync(at(file)))
    .digest('hex');

// Beside the builds, not in build/: the server publishes everything there.
export const APP_STAMP = 'dist/stamps/app.json';
export const CLI_STAMP = 'dist/stamps/cli.json';
export const SERVER_STAMP = 'dist/stamps/server.json';

/** Everything the app build reads; a new route or asset counts, so this walks folders, not the bundle graph. */
export const APP_INPUTS = [
  'src',
  'static',
  'workers',
  'package.json',
  'package-lock.json',
  'vite.config.ts',
  'svelte.config.js',
  'tsconfig.json'
];

/** Every file under `roots` (folders or files, relative to the project); missing roots are skipped. */
export function listInputs(roots) {
  const files = [];
  const walk = (path) => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) walk(join(path, entry));
    } else {
      files.push(relative(projectRoot, path));
    }
  };
  roots.forEach((root) => walk(at(root)));
  return files;
}

/**
 * One hash of these files' paths and bytes: the app's version name, so the same sources build the same app
 * (SvelteKit's default is the build's clock time, which changes every file that embeds it and the precache list).
 */
export function inputsHash(files) {
  const hash = createHash('sha256');
  for (const file of files)
    hash
      .update(`${file}\0`)
      .update(readFileSync(at(file)))
      .update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** Sizes, times and hashes of `files` now: taken before a build, so an edit during the build is not missed. */
export function fingerprint(files) {
  const inputs = {};
  for (const file of [...new Set(files)].sort()) {
    const { size, mtimeMs } = statSync(at(file));
    inputs[file] = { size, mtimeMs, sha256: sha256(file) };
  }
  return inputs;
}

/** Writes the stamp of a build made from `inputs` (a fingerprint) that produced `outputs` (checked for presence). */
export function writeStamp(stampPath, inputs, outputs) {
  mkdirSync(dirname(at(stampPath)), { recursive: true });
  writeFileSync(at(stampPath), `${JSON.stringify({ outputs, inputs }, null, 1)}\n`);
}

/**
 * The inputs that differ from the stamp at `stampPath` (changed, added or removed), or undefined when there is
 * no build (no stamp, or an output gone). `files` are today's inputs; without them only the stamped files are
 * checked.
 */
export function changedInputs(stampPath, files) {
  if (!existsSync(at(stampPath))) return undefined;
  const { outputs, inputs } = JSON.parse(readFileSync(at(stampPath), 'utf8'));
  if (!outputs.every((output) => existsSync(at(output)))) return undefined;
  const current = files ?? Object.keys(inputs);
  const changed = current.filter((file) => {
    const before = inputs[file];
    if (!before || !existsSync(at(file))) return true;
    const { size, mtimeMs } = statSync(at(file));
    if (size !== before.size) return true;
    return mtimeMs !== before.mtimeMs && sha256(file) !== before.sha256;
  });
  const listed = new Set(current);
  return [...changed, ...Object.keys(inputs).filter((file) => !listed.has(file))];
}

/** "3 files changed (a, b, c)" for one line of output. */
export function describeChanges(files) {
  const shown = files.slice(0, 4).join(', ');
  const more = files.length > 4 ? `, and ${files.length - 4} more` : '';
  return `${files.length} file${files.length === 1 ? '' : 's'} changed (${shown}${more})`;
}
