import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import type { Rgba } from '../src/lib/core/ai/raster';
import { nodeEngine, sharpCodec } from '../workers/ai/node-ai';
import { cutout } from '../workers/ai/operations';
import { openOptimizePage } from '../tests/support/chromium';
import type { OptimizePageApi } from '../tests/support/optimize-page/main';
import { machine } from './machine';
import { recordSection } from './performance-doc';
import { chromiumRss } from './process-memory';
import { formatTable, median, timeRuns } from './table';

const portraits = [1, 2, 3, 4, 5, 6].map((n) => `tests/fixtures/faces/sample${n}.jpg`);
const CROP = 256;

const luma = (image: Rgba) =>
  Float64Array.from({ length: image.width * image.height }, (_, i) => {
    const k = i * 4;
    return 0.299 * image.data[k]! + 0.587 * image.data[k + 1]! + 0.114 * image.data[k + 2]!;
  });

function psnr(reference: Float64Array, test: Float64Array): number {
  let error = 0;
  for (let i = 0; i < reference.length; i++) error += (reference[i]! - test[i]!) ** 2;
  return 10 * Math.log10((255 * 255) / (error / reference.length));
}

/** Mean gradient magnitude (central differences): how much fine detail an image holds. */
function sharpness(y: Float64Array, width: number, height: number): number {
  let sum = 0;
  for (let row = 1; row < height - 1; row++)
    for (let col = 1; col < width - 1; col++) {
      const i = row * width + col;
      sum += Math.hypot(y[i + 1]! - y[i - 1]!, y[i + width]! - y[i - width]!) / 2;
    }
  return sum / ((width - 2) * (height - 2));
}

const rgba = async (pipeline: Sharp): Promise<Rgba> => {
  const { data, info } = await pipeline.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height };
};
const toSharp = (image: Rgba) =>
  sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } });

type Method = { name: string; run: (small: Rgba, scale: 2 | 4) => Promise<Rgba> };

const methods: Method[] = [
  {
    name: 'Lanczos3 (sharp, reference)',
    run: (small, scale) =>
      rgba(toSharp(small).resize(small.width * scale, small.height * scale, { kernel: 'lanczos3' }))
  },
  { name: 'ESRGAN slim', run: (small, scale) => nodeEngine().upscale(small, { scale, model: 'slim' }) },
  { name: 'ESRGAN medium', run: (small, scale) => nodeEngine().upscale(small, { scale, model: 'medium' }) },
  {
    name: 'ESRGAN slim ×2 twice',
    run: async (small, scale) => {
      const once = await nodeEngine().upscale(small, { scale: 2, model: 'slim' });
      return scale === 2 ? once : nodeEngine().upscale(once, { scale: 2, model: 'slim' });
    }
  }
];

/** Centre 256×256 of each portrait, reduced by `scale` (bicubic), then enlarged back by each method. */
async function quality(scale: 2 | 4) {
  const rows: (string | number)[][] = [];
  const scores = methods.map(() => ({ psnr: [] as number[], sharp: [] as number[] }));
  for (const path of portraits) {
    const meta = await sharp(path).rotate().metadata();
    const crop = {
      left: Math.floor(((meta.autoOrient?.width ?? meta.width!) - CROP) / 2),
      top: Math.floor(((meta.autoOrient?.height ?? meta.height!) - CROP) / 2),
      width: CROP,
      height: CROP
    };
    const original = await rgba(sharp(path).rotate().extract(crop));
    const small = await rgba(toSharp(original).resize(CROP / scale, CROP / scale, { kernel: 'cubic' }));
    const reference = luma(original);
    const base = sharpness(reference, CROP, CROP);
    for (const [index, method] of methods.entries()) {
      if (scale === 2 && method.name.includes('twice')) continue;
      const up = luma(await method.run(small, scale));
      scores[index]!.psnr.push(psnr(reference, up));
      scores[index]!.sharp.push(sharpness(up, CROP, CROP) / base);
    }
  }
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  for (const [index, method] of methods.entries()) {
    const score = scores[index]!;
    if (!score.psnr.length) continue;
    rows.push([method.name, mean(score.psnr).toFixed(2), mean(score.sharp).toFixed(3)]);
  }
  return formatTable(
    [`×${scale} of 128/64 px → 256 px (6 portraits)`, 'mean luma PSNR dB', 'sharpness share'],
    rows
  );
}

const range = (values: number[], unit = 1000, digits = 1) =>
  `${(median(values) / unit).toFixed(digits)} (${(Math.min(...values) / unit).toFixed(digits)}–${(Math.max(...values) / unit).toFixed(digits)})`;

/** `npm run bench ai`: quality beside Lanczos3, then speed under Node and in Chromium's worker. */
export async function benchAi(runs = 3): Promise<string> {
  const lines: string[] = [`Before: ${machine()}`];
  lines.push(await quality(2), '', await quality(4), '');

  const dir = await mkdtemp(join(tmpdir(), 'bench-ai-'));
  try {
    const oneMp = join(dir, 'one-mp.png');
    await sharp(portraits[0]).extract({ left: 460, top: 140, width: 1000, height: 1000 }).png().toFile(oneMp);
    const quarter = await rgba(sharp(oneMp).extract({ left: 244, top: 244, width: 512, height: 512 }));
    const twelveMp = join(dir, 'twelve-mp.jpg');
    await sharp(portraits[0]).resize(4000, 3000, { fit: 'fill' }).jpeg({ quality: 90 }).toFile(twelveMp);
    const portrait = new Uint8Array(await sharp(portraits[0]).toBuffer());

    const slim = await timeRuns(runs, () => nodeEngine().upscale(quarter, { scale: 2, model: 'slim' }));
    const medium = await timeRuns(1, () => nodeEngine().upscale(quarter, { scale: 2, model: 'medium' }));
    const nodeCutout = await timeRuns(runs, () => cutout(nodeEngine(), sharpCodec, portrait, {}));
    const mp = (512 * 512) / 1e6;

    const chromium = await openOptimizePage(join(dir, 'page'), {
      '/one-mp.png': oneMp,
      '/twelve-mp.jpg': twelveMp,
      '/portrait.jpg': portraits[0]!
    });
    try {
      const version = chromium.browser;
      const call = (url: string, task: { upscale: 2 | 4 } | 'cutout') =>
        chromium.page.evaluate(
          ([u, t]) => (globalThis as unknown as { optimizePage: OptimizePageApi }).optimizePage.ai(u, t),
          [url, task] as const
        );
      await call('/portrait.jpg', 'cutout');
      const browserCutout: number[] = [];
      for (let run = 0; run < runs; run++) browserCutout.push((await call('/portrait.jpg', 'cutout')).wall);
      const browserUpscale: number[] = [];
      for (let run = 0; run < runs; run++)
        browserUpscale.push((await call('/one-mp.png', { upscale: 2 })).wall);
      let peak = 0;
      const sampler = setInterval(() => (peak = Math.max(peak, chromiumRss())), 100);
      const big = await call('/twelve-mp.jpg', 'cutout');
      clearInterval(sampler);
      lines.push(
        formatTable(
          ['speed (median (min–max) s)', 'Node (tfjs wasm)', `${version} worker (tfjs wasm)`],
          [
            ['upscale ×2 slim, s per source MP', range(slim.map((ms) => ms / mp)), range(browserUpscale)],
            ['upscale ×2 medium, s per source MP', range(medium.map((ms) => ms / mp)), '—'],
            [
              'cut-out 1920×1280 (2.5 MP) incl. refinement, s',
              range(nodeCutout),
              range(browserCutout, 1000, 2)
            ],
            ['cut-out 4000×3000 (12 MP), s', '—', (big.wall / 1000).toFixed(1)]
          ]
        ),
        `Browser upscale row: a 1000×1000 (1 MP) source, ${browserUpscale.length} runs. 12 MP cut-out: peak Chromium RSS ${(peak / 1024 ** 2).toFixed(0)} MB (all its processes).`,
        `After: ${machine(version)}`
      );
    } finally {
      await chromium.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const markdown = lines.join('\n');
  await recordSection('ai', `## On-device AI (\`npm run bench ai\`)\n\n\`\`\`\n${markdown}\n\`\`\``);
  return markdown;
}
