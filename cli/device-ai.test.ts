import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceReportSchema } from '$core/ai/schema';

const run = promisify(execFile);

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', ['bin/image-studio.mjs', ...args], { timeout: 300_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('image-studio cutout / upscale (CLI, on this machine)', () => {
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'image-studio-ai-'));
  });
  afterAll(() => rm(out, { recursive: true, force: true }));

  it('cuts out a portrait to WebP with alpha, skips a bad file, and reports against the schema', async () => {
    const result = await cli([
      'cutout',
      'tests/fixtures/bad/truncated.jpg',
      'tests/fixtures/faces/sample4-small.jpg',
      '--format',
      'webp',
      '--out',
      out,
      '--json'
    ]);
    expect(result.code).toBe(0);
    const report = DeviceReportSchema.parse(JSON.parse(result.stdout));
    expect(report.failures).toEqual([
      { source: 'truncated.jpg', error: expect.objectContaining({ code: 'corrupt_image' }) }
    ]);
    expect(report.outputs).toMatchObject([
      { source: 'sample4-small.jpg', file: 'sample4-small_cutout.webp', width: 640, height: 483 }
    ]);
    const bytes = await readFile(join(out, 'sample4-small_cutout.webp'));
    expect(report.outputs[0]!.bytes).toBe(bytes.byteLength);
    const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(4);
    expect(data[3]).toBeLessThan(20);
  }, 300_000);

  it('upscales ×2 to exactly twice the size', async () => {
    const result = await cli([
      'upscale',
      'tests/fixtures/faces/sample4-small.jpg',
      '--scale',
      '2',
      '--out',
      out
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/sample4-small\.jpg → sample4-small_x2\.jpg \(1280×966/);
    const meta = await sharp(join(out, 'sample4-small_x2.jpg')).metadata();
    expect([meta.width, meta.height, meta.format]).toEqual([1280, 966, 'jpeg']);
  }, 600_000);

  it('exits 1 when every file failed and 2 on a usage error', async () => {
    expect((await cli(['cutout', 'tests/fixtures/bad/empty.jpg', '--out', out])).code).toBe(1);
    const usage = await cli(['upscale', 'tests/fixtures/faces/sample1.jpg', '--scale', '3', '--out', out]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--scale must be 2 or 4/);
  }, 120_000);
});
