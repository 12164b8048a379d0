import { describe, expect, it } from 'vitest';
import { presetById, type PlatformPreset } from '$core/platforms';
import { ImageError } from '$core/errors/image-error';
import { exportSocial, type SocialExportOptions } from './export-social';
import type { RenderedWithNotes } from './render-source';
import { zipSink } from './sinks';

const presets = ['instagram-square', 'x-post'].map((id) => presetById(id) as PlatformPreset);

function fakeRender(log: { source: string; spread: boolean }[], inFlight = { now: 0, most: 0 }) {
  return async (
    source: string,
    chosen: readonly PlatformPreset[],
    _signal: AbortSignal,
    spread: boolean
  ): Promise<RenderedWithNotes[]> => {
    log.push({ source, spread });
    inFlight.now++;
    inFlight.most = Math.max(inFlight.most, inFlight.now);
    await new Promise((resolve) => setTimeout(resolve, 5));
    inFlight.now--;
    if (source === 'bad.jpg') throw new ImageError('corrupt_image', 'bad.jpg is damaged.');
    return chosen.map((preset) => ({
      name: `${source}_${preset.id}.jpg`,
      bytes: new TextEncoder().encode(`${source}:${preset.id}`),
      preset,
      width: preset.width,
      height: preset.height,
      warnings:
        preset.id === 'x-post'
          ? [{ code: 'over_budget', message: 'Over the 5 MB limit at the lowest quality.' }]
          : []
    }));
  };
}

const options = (
  overrides: Partial<SocialExportOptions<string>> & Pick<SocialExportOptions<string>, 'sources'>
): SocialExportOptions<string> => ({
  presets,
  nameOf: (source) => source,
  workers: 2,
  render: fakeRender([]),
  sink: zipSink(),
  signal: new AbortController().signal,
  ...overrides
});

describe('exportSocial', () => {
  it('spreads one photo over every worker when there are fewer photos than workers', async () => {
    const log: { source: string; spread: boolean }[] = [];
    const inFlight = { now: 0, most: 0 };
    await exportSocial(options({ sources: ['a.jpg'], workers: 3, render: fakeRender(log, inFlight) }));
    expect(log).toEqual([{ source: 'a.jpg', spread: true }]);
    expect(inFlight.most).toBe(1);
  });

  it('runs one photo per worker at a time when there are enough photos', async () => {
    const log: { source: string; spread: boolean }[] = [];
    const inFlight = { now: 0, most: 0 };
    await exportSocial(
      options({
        sources: ['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg'],
        workers: 2,
        render: fakeRender(log, inFlight)
      })
    );
    expect(log.map((call) => call.spread)).toEqual([false, false, false, false]);
    expect(inFlight.most).toBe(2);
  });

  it('keeps every written file in the library after the export, and reports the notes per file', async () => {
    const kept: string[] = [];
    const result = await exportSocial(
      options({
        sources: ['a.jpg', 'bad.jpg', 'b.jpg'],
        keep: async (source, file) => {
          kept.push(`${source}:${file.preset.id}:${file.width}x${file.height}:${await file.blob.text()}`);
          return true;
        }
      })
    );
    expect(result.written).toBe(4);
    expect(result.failures.map((failure) => failure.source)).toEqual(['bad.jpg']);
    expect(result.kept).toBe(4);
    expect(kept.sort()).toEqual([
      'a.jpg:instagram-square:1080x1080:a.jpg:instagram-square',
      'a.jpg:x-post:1600x900:a.jpg:x-post',
      'b.jpg:instagram-square:1080x1080:b.jpg:instagram-square',
      'b.jpg:x-post:1600x900:b.jpg:x-post'
    ]);
    expect(result.notes.map((note) => note.code)).toEqual(['over_budget', 'over_budget']);
  });

  it('a library that cannot keep a file does not fail the export; each reason is reported once', async () => {
    const result = await exportSocial(
      options({
        sources: ['a.jpg', 'b.jpg'],
        keep: async (source) => {
          if (source === 'b.jpg') throw new Error('The disk is full.');
          return true;
        }
      })
    );
    expect(result.exported?.kind).toBe('zip');
    expect(result.written).toBe(4);
    expect(result.kept).toBe(2);
    expect(result.keepErrors).toEqual(['The disk is full.']);
  });

  it('a cancelled export keeps nothing in the library and reports no notes', async () => {
    const controller = new AbortController();
    const kept: string[] = [];
    const result = await exportSocial(
      options({
        sources: ['a.jpg', 'b.jpg', 'c.jpg'],
        workers: 1,
        signal: controller.signal,
        onProgress: (progress) => {
          if (progress.written >= 2) controller.abort();
        },
        keep: async (source) => {
          kept.push(source);
          return true;
        }
      })
    );
    expect(result.cancelled).toBe(true);
    expect(result.exported).toBeUndefined();
    expect(kept).toEqual([]);
    expect(result.notes).toEqual([]);
  });
});
