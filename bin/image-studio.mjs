#!/usr/bin/env node
// Runs the CLI built into dist/cli (`npm run build -- cli`, also run by `npm install`). When the build is missing or
// its sources changed since (a checkout, an edit), it is rebuilt first, saying why in one line.
import { changedInputs, describeChanges } from '../scripts/build-state.mjs';
import { buildCli, CLI_STAMP } from '../scripts/build.mjs';

const changed = changedInputs(CLI_STAMP);
if (!changed || changed.length) {
  process.stderr.write(
    `image-studio: ${changed ? `rebuilding the CLI, ${describeChanges(changed)}` : 'building the CLI'}…\n`
  );
  await buildCli();
}
const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
