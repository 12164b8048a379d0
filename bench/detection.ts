/**
 * The face search's cost with windows against the whole-frame detector alone (the same Human/BlazeFace on
 * tfjs-wasm under Node, through `analyze` as the CLI runs it): `npx tsx bench/detection.ts`.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { nodeOptimizer } from '../workers/optimize/node-optimizer';
import { formatTable, median, timeRuns } from './table';

const images = [
  ['3:2 group, large faces', 'faces/sample1.jpg'],
  ['3:1 panorama', 'panoramas/sample2-face3-wide-right.jpg'],
  ['1:3 panorama', 'panoramas/sample4-face12-tall-top.jpg'],
  ['3:2, faces under 40 px', 'small-faces/sample1-a.jpg'],
  ['no face (cat)', 'no-faces/skimage-chelsea-large.jpg']
] as const;
const RUNS = 3;

const optimizer = nodeOptimizer();
// Load the models before timing.
await optimizer.analyze(new Uint8Array(readFileSync('tests/fixtures/faces/sample4-small.jpg')));
const rows: string[][] = [];
for (const [label, path] of images) {
  const bytes = new Uint8Array(readFileSync(`tests/fixtures/${path}`));
  const cells: string[] = [label];
  for (const tiled of [false, true]) {
    const times = await timeRuns(RUNS, () => optimizer.analyze(bytes, { tiled }));
    cells.push(
      `${Math.round(median(times))} (${Math.round(Math.min(...times))}–${Math.round(Math.max(...times))})`
    );
  }
  const faces = (await optimizer.analyze(bytes)).detections.faces;
  cells.push(`${faces.filter((face) => face.check?.kept).length} kept / ${faces.length}`);
  rows.push(cells);
}
process.stdout.write(
  `Face search per image, ms: median (range) of ${RUNS}, Node ${process.version}, load average ${loadavg()
    .map((value) => value.toFixed(1))
    .join(' ')}\n` +
    formatTable(['image', 'whole frame only', 'windows + mesh check', 'faces kept / candidates'], rows) +
    '\n'
);
