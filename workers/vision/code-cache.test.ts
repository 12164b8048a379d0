import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('requireWithCodeCache (V8 code cache for CommonJS under Node)', () => {
  let dir: string;
  let cache: string;
  /** A process of its own: the cache is written when a process exits. */
  const load = async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(dir, 'load.ts')]);
    return JSON.parse(stdout) as { value: number; from: string };
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'code-cache-'));
    cache = join(dir, 'cache');
    await writeFile(join(dir, 'inner.cjs'), 'module.exports = { value: 41 };\n');
    await writeFile(
      join(dir, 'outer.cjs'),
      "const { value } = require('./inner.cjs');\nmodule.exports = { value: value + 1, from: __dirname };\n"
    );
    await writeFile(
      join(dir, 'load.ts'),
      [
        "import { createRequire } from 'node:module';",
        `import { requireWithCodeCache } from ${JSON.stringify(resolve('workers/vision/code-cache.ts'))};`,
        'const require = createRequire(import.meta.url);',
        `const loaded = requireWithCodeCache(require, ${JSON.stringify(join(dir, 'outer.cjs'))}, ${JSON.stringify(cache)});`,
        'process.stdout.write(JSON.stringify(loaded));'
      ].join('\n')
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('loads a module and what it requires as Node would, and leaves one cache per file at exit', async () => {
    expect(await load()).toEqual({ value: 42, from: dir });
    expect((await readdir(cache)).filter((name) => name.endsWith('.v8'))).toHaveLength(2);
  });

  it('loads the same from its cache, and from a damaged cache, which it replaces', async () => {
    expect(await load()).toEqual({ value: 42, from: dir });
    for (const name of await readdir(cache)) await writeFile(join(cache, name), 'not a code cache');
    expect(await load()).toEqual({ value: 42, from: dir });
    const names = (await readdir(cache)).filter((name) => name.endsWith('.v8'));
    expect(names).toHaveLength(2);
    for (const name of names) expect(await readFile(join(cache, name), 'utf8')).not.toBe('not a code cache');
  });
});
