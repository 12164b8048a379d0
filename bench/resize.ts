import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { readHeaderSize } from '../src/lib/core/image/header';
import { resize } from '../workers/image/image-ops';
import { useNodeMagickWasm } from '../workers/image/node-magick';
import { formatTable, median, timeRuns } from './table';

/** The try-it path (decode → cover-crop → 200×200 JPEG) under Node, beside sharp doing the same work. */
export async function benchResize(runs = 7): Promise<string> {
  useNodeMagickWasm();
  const source = new Uint8Array(readFileSync('tests/fixtures/faces/sample6.jpg'));
  const size = readHeaderSize(source);
  const options = { width: 200, height: 200, fit: 'cover', format: 'jpeg', quality: 82 } as const;

  await resize(source, options);
  const ours = await timeRuns(runs, () => resize(source, options));
  const reference = await timeRuns(runs, () =>
    sharp(source)
      .rotate()
      .resize(200, 200, { fit: 'cover', kernel: 'lanczos3' })
      .jpeg({ quality: 82 })
      .toBuffer()
  );
  const ratio = median(ours) / median(reference);
  return [
    `Resize ${size?.width}×${size?.height} JPEG → 200×200 JPEG, median of ${runs} runs (Node ${process.versions.node})`,
    formatTable(
      ['implementation', 'median ms', 'min ms', 'vs sharp'],
      [
        [
          'magick-wasm (image worker code)',
          median(ours).toFixed(1),
          Math.min(...ours).toFixed(1),
          `${ratio.toFixed(2)}×`
        ],
        [
          'sharp 0.35 (libvips, reference)',
          median(reference).toFixed(1),
          Math.min(...reference).toFixed(1),
          '1.00×'
        ]
      ]
    )
  ].join('\n');
}
