import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

type Compile = (this: { exports: unknown }, content: string, filename: string) => unknown;
const loader = (Module as unknown as { prototype: { _compile: Compile } }).prototype;

/** One cache file per source file, its size and time, and the Node that compiled it (V8 checks its own). */
function cacheFile(dir: string, filename: string): string {
  const { size, mtimeMs } = statSync(filename);
  const key = [filename, size, mtimeMs, process.version, process.arch].join('\0');
  return join(dir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.v8`);
}

/**
 * `require(id)` with V8's code cache for every CommonJS file it loads: Human and tfjs are 3 MB of JavaScript
 * that each process would otherwise parse and compile again (Node 20 has no `module.enableCompileCache`). A
 * cache missing or rejected is made when the process exits, so it holds every function the run compiled, not
 * only the top level. The cache is an optimisation: when `dir` cannot be read or written, files compile as
 * usual.
 */
export function requireWithCodeCache(require: NodeJS.Require, id: string, dir: string): unknown {
  const original = loader._compile;
  const made: { file: string; script: vm.Script }[] = [];
  loader._compile = function (content, filename) {
    // A file Node would strip a #! line from compiles as Node does it.
    if (content.startsWith('#!')) return original.call(this, content, filename);
    let file: string;
    let cachedData: Buffer | undefined;
    try {
      file = cacheFile(dir, filename);
    } catch {
      return original.call(this, content, filename);
    }
    try {
      cachedData = readFileSync(file);
    } catch {
      cachedData = undefined;
    }
    const script = new vm.Script(Module.wrap(content), { filename, cachedData });
    if (!cachedData || script.cachedDataRejected) made.push({ file, script });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(
      this.exports,
      this.exports,
      createRequire(filename),
      this,
      filename,
      dirname(filename)
    );
  };
  try {
    return require(id);
  } finally {
    loader._compile = original;
    if (made.length) process.once('exit', () => save(dir, made));
  }
}

function save(dir: string, made: readonly { file: string; script: vm.Script }[]): void {
  try {
    mkdirSync(dir, { recursive: true });
    for (const { file, script } of made) {
      // Renamed into place: another process may be reading or writing the same cache.
      const partial = `${file}.${process.pid}`;
      writeFileSync(partial, script.createCachedData());
      renameSync(partial, file);
    }
  } catch {
    // A read-only install runs without the cache.
  }
}
