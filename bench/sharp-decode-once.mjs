// The CLI bench's reference, run as its own process so Node's start counts as it does for the CLI: sharp decodes
// the source once and renders the crops the CLI's JSON report lists (extract, Lanczos3 resize, JPEG encode).
// Usage: node bench/sharp-decode-once.mjs <source> <report.json> <out dir> <quality>
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';

const [source, reportPath, out, quality] = process.argv.slice(2);
const report = JSON.parse(await readFile(reportPath, 'utf8'));
const { data, info } = await sharp(source).rotate().raw().toBuffer({ resolveWithObject: true });
const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
await Promise.all(
  report.outputs.map(async ({ crop, width, height, file }) => {
    const bytes = await sharp(data, raw)
      .extract({ left: crop.x, top: crop.y, width: crop.width, height: crop.height })
      .resize(width, height, { fit: 'fill', kernel: 'lanczos3' })
      .jpeg({ quality: Number(quality) })
      .toBuffer();
    await writeFile(join(out, file), bytes);
  })
);
