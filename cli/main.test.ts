import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OptimizeReportSchema } from '$core/optimize/schema';

const run = promisify(execFile);

/** Runs the real launcher (`npx image-studio` resolves to it) in a child process. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', ['bin/image-studio.mjs', ...args], { timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('image-studio optimize (CLI)', () => {
  let out: string;

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'image-studio-cli-'));
  });
  afterAll(() => rm(out, { recursive: true, force: true }));

  it('writes every preset of a platform, skips a bad file and prints a report valid against the schema', async () => {
    const result = await cli([
      'optimize',
      'tests/fixtures/faces/sample3-tall-offcentre.jpg',
      'tests/fixtures/bad/truncated.jpg',
      'tests/fixtures/formats/photo.heic',
      '--presets',
      'youtube,x-header',
      '--out',
      out,
      '--json'
    ]);
    expect(result.code).toBe(0);
    const report = OptimizeReportSchema.parse(JSON.parse(result.stdout));
    expect(report.failures).toEqual([
      { source: 'truncated.jpg', error: expect.objectContaining({ code: 'corrupt_image' }) }
    ]);
    // Presets come in catalogue order, whatever order the selector named them in.
    expect(report.outputs.map((output) => `${output.source} ${output.preset}`)).toEqual(
      ['sample3-tall-offcentre.jpg', 'photo.heic'].flatMap((source) =>
        ['x-header', 'youtube-thumbnail', 'youtube-banner', 'youtube-shorts'].map((id) => `${source} ${id}`)
      )
    );
    const files = (await readdir(out)).sort();
    expect(files).toEqual(report.outputs.map((output) => output.file).sort());
    for (const output of report.outputs) {
      const meta = await sharp(await readFile(join(out, output.file))).metadata();
      expect({ width: meta.width, height: meta.height }).toEqual({
        width: output.width,
        height: output.height
      });
      expect(meta.size).toBe(output.bytes);
    }
    // The face high in the tall photo (truth: y 292–571) is found and kept inside the landscape crop.
    const thumbnail = report.outputs.find((output) =>
      output.file.startsWith('sample3-tall-offcentre_youtube-thumbnail')
    );
    expect(thumbnail?.detections.faces.length).toBeGreaterThan(0);
    expect(thumbnail?.crop.y).toBeLessThanOrEqual(292);
    expect((thumbnail?.crop.y ?? 0) + (thumbnail?.crop.height ?? 0)).toBeGreaterThanOrEqual(571);
    expect(thumbnail?.warnings.map((warning) => warning.code)).toContain('upscaled');
  }, 120_000);

  it('pads instead of cropping with --fit pad-blur and pad-color: the whole photo placed, every face kept, checks reported', async () => {
    for (const fit of ['pad-blur', 'pad-color'] as const) {
      const dir = join(out, fit);
      const result = await cli([
        'optimize',
        'tests/fixtures/faces/sample4-small.jpg',
        '--presets',
        'instagram-story',
        '--fit',
        fit,
        '--color',
        '#3366cc',
        '--out',
        dir,
        '--json'
      ]);
      expect(result.code).toBe(0);
      const [story] = OptimizeReportSchema.parse(JSON.parse(result.stdout)).outputs;
      expect(story).toMatchObject({
        fit,
        width: 1080,
        height: 1920,
        crop: { x: 0, y: 0, width: 640, height: 483 }
      });
      // A 640×483 photo in a 1080×1920 frame: the full width, centred between margins.
      expect(story?.placement).toMatchObject({ x: 0, width: 1080 });
      expect(story!.placement.height).toBeGreaterThan(800);
      expect(story!.placement.height).toBeLessThan(830);
      const faces = story!.detections.faces;
      expect(faces.filter((face) => face.check?.kept)).toHaveLength(4);
      for (const face of faces) expect(face.check?.by).toMatch(/^(face|framings|low_score|mesh|shape)$/);
      expect(story?.warnings.map((warning) => warning.code)).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/^face_(cut|left_out)$/)])
      );
      const { data, info } = await sharp(await readFile(join(dir, story!.file)))
        .raw()
        .toBuffer({ resolveWithObject: true });
      expect({ width: info.width, height: info.height }).toEqual({ width: 1080, height: 1920 });
      const top = [data[0]!, data[1]!, data[2]!];
      if (fit === 'pad-color') {
        for (const [channel, want] of [0x33, 0x66, 0xcc].entries())
          expect(Math.abs(top[channel]! - want)).toBeLessThan(12);
      } else
        expect(
          Math.abs(top[0]! - 0x33) + Math.abs(top[1]! - 0x66) + Math.abs(top[2]! - 0xcc)
        ).toBeGreaterThan(40);
    }
  }, 120_000);

  it('zooms in to keep faces clear of a banner’s profile photo without enlarging, and refuses --max-enlarge past 2', async () => {
    // The LinkedIn banner's profile photo covers the lower left; at the full 1920 px width two faces sit under it.
    const result = await cli([
      'optimize',
      'tests/fixtures/faces/sample3.jpg',
      '--presets',
      'linkedin-banner',
      '--out',
      out,
      '--json'
    ]);
    expect(result.code).toBe(0);
    const [banner] = OptimizeReportSchema.parse(JSON.parse(result.stdout)).outputs;
    expect(banner?.crop.width).toBeLessThan(1920);
    expect(banner?.crop.width).toBeGreaterThanOrEqual(1584);
    expect(banner?.warnings.map((warning) => warning.code)).not.toContain('face_under_overlay');
    expect(banner?.warnings.map((warning) => warning.code)).not.toContain('upscaled');
    // The report says so, as the card does.
    expect(banner?.zoom?.scale).toBeCloseTo(banner!.crop.width / 1920, 3);
    expect(banner?.zoom?.message).toMatch(/zoom/i);
    const refused = await cli([
      'optimize',
      'a.jpg',
      '--presets',
      'x-post',
      '--max-enlarge',
      '3',
      '--out',
      out
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--max-enlarge must be a number from 1 to 2.');
  }, 120_000);

  it('exits 1 when every file fails, and 2 for a usage error', async () => {
    const failed = await cli([
      'optimize',
      'tests/fixtures/bad/empty.jpg',
      '--presets',
      'x-post',
      '--out',
      out
    ]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('empty.jpg: skipped — The file is empty');
    const usage = await cli(['optimize', 'a.jpg', '--presets', 'myspace', '--out', out]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('"myspace" is not a preset id');
  }, 60_000);

  it('prints the usage for --help without running a command, and exits 2 for an unknown command', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: image-studio optimize');
    const unknown = await cli(['sharpen', 'a.jpg']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "sharpen".');
    expect(unknown.stderr).toContain('Usage: image-studio');
  });
});
