import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImageError } from '$core/errors/image-error';
import type { Rgba } from '$core/ai/raster';
import { nodeEngine, sharpCodec } from './node-ai';
import { cutout } from './operations';

const photo = () => new Uint8Array(readFileSync('tests/fixtures/faces/sample4-small.jpg'));

const crop = (image: Rgba, width: number, height: number, left = 0): Rgba => {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++)
    data.set(
      image.data.subarray((y * image.width + left) * 4, (y * image.width + left + width) * 4),
      y * width * 4
    );
  return { data, width, height };
};

describe('upscale on the device (Node, tfjs wasm)', () => {
  it('tiles with overlap give the same pixels as one whole pass (no seams)', async () => {
    // 400×230 has tile borders at x = 192 and 384; the same photo from x = 100 has them at x = 292 (original
    // coordinates). Wherever both runs saw the full context, any seam in either would show as a difference.
    const image = crop(await sharpCodec.decode(photo()), 400, 230);
    const whole = await nodeEngine().upscale(image, { scale: 2, model: 'slim' });
    const shifted = await nodeEngine().upscale(crop(image, 300, 230, 100), { scale: 2, model: 'slim' });
    expect([whole.width, whole.height]).toEqual([800, 460]);
    let worst = 0;
    for (let y = 0; y < 460; y++)
      for (let x = 2 * 116; x < 2 * 384; x++)
        for (let c = 0; c < 3; c++)
          worst = Math.max(
            worst,
            Math.abs(whole.data[(y * 800 + x) * 4 + c]! - shifted.data[(y * 600 + x - 200) * 4 + c]!)
          );
    expect(worst).toBeLessThanOrEqual(1);
  }, 120_000);

  it('reports progress per tile and stops at the next tile once aborted', async () => {
    const image = crop(await sharpCodec.decode(photo()), 400, 230);
    const controller = new AbortController();
    const seen: number[] = [];
    const run = nodeEngine().upscale(
      image,
      { scale: 2, model: 'slim' },
      ({ done, total }) => {
        seen.push(done);
        expect(total).toBe(6);
        if (done === 2) controller.abort();
      },
      controller.signal
    );
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(seen).toEqual([0, 1, 2]);
  }, 120_000);
});

describe('cut-out on the device', () => {
  it('writes a PNG whose alpha keeps the people and drops the corners', async () => {
    const result = await cutout(nodeEngine(), sharpCodec, photo(), { format: 'png' });
    const decoded = await sharpCodec.decode(result.bytes);
    expect(result.mime).toBe('image/png');
    expect(decoded.data[3]).toBe(0);
    const alphas = Array.from({ length: decoded.width * decoded.height }, (_, i) => decoded.data[i * 4 + 3]!);
    expect(alphas.filter((a) => a === 255).length).toBeGreaterThan(alphas.length * 0.2);
  }, 60_000);

  it('says plainly when there is no person', async () => {
    const grey = await sharpCodec.encode(
      { data: new Uint8Array(320 * 240 * 4).fill(200), width: 320, height: 240 },
      'image/png'
    );
    const failure = await cutout(nodeEngine(), sharpCodec, grey).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImageError);
    expect(failure).toMatchObject({ code: 'no_subject' });
    expect((failure as Error).message).toMatch(/No person found/);
  }, 60_000);

  it('names a file that is not an image', async () => {
    await expect(cutout(nodeEngine(), sharpCodec, new TextEncoder().encode('hello'))).rejects.toMatchObject({
      code: 'unsupported_format'
    });
  });
});
