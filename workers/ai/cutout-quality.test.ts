import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { DeviceReportSchema } from '$core/ai/schema';

interface Truth {
  images: Record<string, { width: number; height: number; faces: [number, number, number, number][] }>;
}

/**
 * The visible portrait sets, and any held-out sets named in HELD_OUT_PORTRAITS (folders separated by ":", each
 * with a truth.json of the same shape: face boxes in displayed pixels). All go through the CLI, as a user's would.
 */
const sets = [
  'tests/fixtures/faces',
  'tests/fixtures/portrait',
  ...(process.env.HELD_OUT_PORTRAITS ?? '').split(':').filter(Boolean)
].filter((dir) => existsSync(join(dir, 'truth.json')));

const meanAlpha = (
  alpha: { data: Buffer; width: number; height: number },
  [x0, y0, x1, y1]: [number, number, number, number]
) => {
  let sum = 0;
  let count = 0;
  for (let y = Math.max(0, Math.round(y0)); y < Math.min(alpha.height, Math.round(y1)); y++)
    for (let x = Math.max(0, Math.round(x0)); x < Math.min(alpha.width, Math.round(x1)); x++) {
      sum += alpha.data[y * alpha.width + x]!;
      count++;
    }
  return sum / count / 255;
};

const out: string[] = [];
afterAll(() => Promise.all(out.map((dir) => rm(dir, { recursive: true, force: true }))));

/** Faces must be kept whole (inner 60 % of each box opaque) and the top corners (clear of people) cut away. */
describe.each(sets)('on-device cut-out through the CLI: %s', (dir) => {
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as Truth;
  const names = Object.keys(truth.images);
  let outputs: Map<string, string> | undefined;

  const cutAll = async () => {
    const target = await mkdtemp(join(tmpdir(), 'cutout-quality-'));
    out.push(target);
    const { stdout } = await promisify(execFile)(
      'node',
      ['bin/image-studio.mjs', 'cutout', ...names.map((name) => join(dir, name)), '--out', target, '--json'],
      { timeout: 600_000, maxBuffer: 16 * 1024 * 1024 }
    );
    const report = DeviceReportSchema.parse(JSON.parse(stdout));
    expect(report.failures).toEqual([]);
    return new Map(report.outputs.map((output) => [output.source, join(target, output.file)]));
  };

  it.each(names)(
    '%s: faces kept, top corners removed',
    async (name) => {
      outputs ??= await cutAll();
      const expected = truth.images[name]!;
      const file = outputs.get(basename(name));
      expect(file, `no output for ${name}`).toBeDefined();
      expect(extname(file!)).toBe('.png');
      const { data, info } = await sharp(file!)
        .extractChannel('alpha')
        .raw()
        .toBuffer({ resolveWithObject: true });
      expect([info.width, info.height]).toEqual([expected.width, expected.height]);
      const alpha = { data, width: info.width, height: info.height };
      const faces = expected.faces.map(([x, y, w, h]) =>
        meanAlpha(alpha, [x + w * 0.2, y + h * 0.2, x + w * 0.8, y + h * 0.8])
      );
      const side = 0.08 * Math.min(info.width, info.height);
      const corners = [
        meanAlpha(alpha, [0, 0, side, side]),
        meanAlpha(alpha, [info.width - side, 0, info.width, side])
      ];
      process.stdout.write(
        `${dir}/${name}: faces ${faces.map((value) => value.toFixed(3)).join(' ')} · top corners ${corners.map((value) => value.toFixed(3)).join(' ')}\n`
      );
      for (const face of faces) expect(face).toBeGreaterThanOrEqual(0.95);
      for (const corner of corners) expect(corner).toBeLessThanOrEqual(0.15);
    },
    600_000
  );
});
