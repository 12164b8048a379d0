import { benchCli } from './cli';
import { benchLibrary } from './library';
import { benchOptimize } from './optimize';
import { benchResize } from './resize';

/** `npm run bench`: every benchmark, each printing a table that compares against a reference tool. */
const benches: Record<string, () => Promise<string>> = {
  resize: benchResize,
  library: benchLibrary,
  optimize: benchOptimize,
  cli: benchCli
};

const only = process.argv.slice(2);
for (const [name, run] of Object.entries(benches)) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n## ${name}\n`);
  console.log(await run());
}
