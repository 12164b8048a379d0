import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipSink } from './sinks';

describe('zipSink', () => {
  it('writes every added file, byte for byte, into a ZIP that unzips', async () => {
    const sink = zipSink();
    const first = new Uint8Array([1, 2, 3, 250]);
    const second = new Uint8Array(70_000).map((_, index) => index % 251);
    await sink.add('a_instagram-square_1080x1080.jpg', first);
    await sink.add('b.png', second);
    const result = await sink.finish();
    if (result.kind !== 'zip') throw new Error('expected a zip');
    const files = unzipSync(new Uint8Array(await result.blob.arrayBuffer()));
    expect(Object.keys(files)).toEqual(['a_instagram-square_1080x1080.jpg', 'b.png']);
    expect(files['a_instagram-square_1080x1080.jpg']).toEqual(first);
    expect(files['b.png']).toEqual(second);
  });

  it('gives an empty but valid ZIP when nothing was added', async () => {
    const result = await zipSink().finish();
    if (result.kind !== 'zip') throw new Error('expected a zip');
    expect(unzipSync(new Uint8Array(await result.blob.arrayBuffer()))).toEqual({});
  });
});
