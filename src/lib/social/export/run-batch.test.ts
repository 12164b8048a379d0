import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImageError } from '$core/errors/image-error';
import { runBatch, type BatchProgress, type RenderedFile } from './run-batch';
import { zipSink } from './sinks';

const bytesOf = (text: string) => new TextEncoder().encode(text);

function renderTwo(source: string): Promise<RenderedFile[]> {
  if (source === 'empty.jpg') throw new ImageError('empty_file', 'The file is empty (0 bytes).');
  return Promise.resolve(
    ['square', 'story'].map((preset) => ({
      name: `photo_${preset}.jpg`,
      bytes: bytesOf(`${source}:${preset}`)
    }))
  );
}

async function zipEntries(blob: Blob): Promise<Record<string, string>> {
  const files = unzipSync(new Uint8Array(await blob.arrayBuffer()));
  return Object.fromEntries(
    Object.entries(files).map(([name, data]) => [name, new TextDecoder().decode(data)])
  );
}

describe('runBatch', () => {
  it('skips a failing source, reports its error, and still exports the rest with unique names', async () => {
    const seen: BatchProgress[] = [];
    const result = await runBatch({
      sources: ['a.jpg', 'empty.jpg', 'b.jpg'],
      outputsPerSource: 2,
      nameOf: (source) => source,
      render: renderTwo,
      sink: zipSink(),
      signal: new AbortController().signal,
      onProgress: (progress) => seen.push(progress)
    });
    expect(result.failures).toEqual([
      { source: 'empty.jpg', code: 'empty_file', message: 'The file is empty (0 bytes).' }
    ]);
    expect(result.written).toBe(4);
    if (result.exported?.kind !== 'zip') throw new Error('expected a zip');
    expect(await zipEntries(result.exported.blob)).toEqual({
      'photo_square.jpg': 'a.jpg:square',
      'photo_story.jpg': 'a.jpg:story',
      'photo_square (2).jpg': 'b.jpg:square',
      'photo_story (2).jpg': 'b.jpg:story'
    });
    expect(seen.at(-1)).toMatchObject({ done: 6, total: 6, written: 4, current: undefined });
    expect(seen.map((progress) => progress.current)).toContain('empty.jpg');
  });

  it('stops at cancel, exports nothing and does not report the cancel as a failure', async () => {
    const controller = new AbortController();
    const rendered: string[] = [];
    const result = await runBatch({
      sources: ['a.jpg', 'b.jpg', 'c.jpg'],
      outputsPerSource: 2,
      nameOf: (source) => source,
      render: async (source, signal) => {
        rendered.push(source);
        if (source === 'b.jpg') {
          controller.abort();
          if (signal.aborted) throw new ImageError('cancelled', 'Cancelled.');
        }
        return renderTwo(source);
      },
      sink: zipSink(),
      signal: controller.signal
    });
    expect(result).toMatchObject({ cancelled: true, exported: undefined, failures: [] });
    expect(rendered).toEqual(['a.jpg', 'b.jpg']);
  });

  it('offers no ZIP when every source failed', async () => {
    const result = await runBatch({
      sources: ['empty.jpg'],
      outputsPerSource: 2,
      nameOf: (source) => source,
      render: renderTwo,
      sink: zipSink(),
      signal: new AbortController().signal
    });
    expect(result.exported).toBeUndefined();
    expect(result.failures.map((failure) => failure.code)).toEqual(['empty_file']);
  });

  it('keeps several sources in flight when asked, and still writes every output once', async () => {
    let inFlight = 0;
    let most = 0;
    const result = await runBatch({
      sources: ['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg'],
      outputsPerSource: 2,
      nameOf: (source) => source,
      render: async (source) => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 10));
        inFlight--;
        return renderTwo(source);
      },
      sink: zipSink(),
      signal: new AbortController().signal,
      concurrency: 2
    });
    expect(most).toBe(2);
    expect(result.written).toBe(8);
    if (result.exported?.kind !== 'zip') throw new Error('expected a zip');
    expect(Object.keys(await zipEntries(result.exported.blob))).toHaveLength(8);
  });
});
