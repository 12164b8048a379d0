import { toImageError } from '$core/errors/image-error';
import { imageWorker } from '$lib/workers/image-worker';
import { visionWorker } from '$lib/workers/vision-worker';
import { makeThumbnail, tagAsset, type Analysers } from './analyse';
import type { Library } from './library';

/** The browser's analysers: magick-wasm in the image worker, Human in the vision worker. */
export const workerAnalysers: Analysers = {
  summarise: (bytes, signal) => imageWorker.summarise(bytes, signal),
  detect: (bytes, signal) => visionWorker.detect(bytes, { faces: true, objects: true }, signal)
};

/**
 * Thumbnails, then tags, for every asset that lacks them, off the main thread, one at a time, with counts
 * the page shows and a cancel. A failing image is counted, its reason recorded on it, and the rest carry on.
 */
export class BackgroundWork {
  phase = $state<'idle' | 'thumbnails' | 'tags'>('idle');
  done = $state(0);
  total = $state(0);
  failed = $state(0);
  #controller: AbortController | undefined;
  #again = false;

  readonly library: Library;
  readonly onProgress: () => void;
  readonly analysers: Analysers;

  constructor(library: Library, onProgress: () => void, analysers: Analysers = workerAnalysers) {
    this.library = library;
    this.onProgress = onProgress;
    this.analysers = analysers;
  }

  /** Starts a pass, or asks the running one to look again when it ends (new imports arrived). */
  async run(): Promise<void> {
    if (this.#controller) {
      this.#again = true;
      return;
    }
    this.#controller = new AbortController();
    const { signal } = this.#controller;
    try {
      do {
        this.#again = false;
        await this.#pass('thumbnails', await this.library.tagging.needingThumbnails(), signal, (id) =>
          makeThumbnail(this.library, id, this.analysers, signal)
        );
        await this.#pass('tags', await this.library.tagging.needingTags(), signal, (id) =>
          tagAsset(this.library, id, this.analysers, signal)
        );
      } while (this.#again && !signal.aborted);
    } finally {
      this.#controller = undefined;
      this.phase = 'idle';
    }
  }

  cancel(): void {
    this.#controller?.abort();
  }

  async #pass(
    phase: 'thumbnails' | 'tags',
    ids: string[],
    signal: AbortSignal,
    work: (id: string) => Promise<unknown>
  ): Promise<void> {
    if (!ids.length || signal.aborted) return;
    this.phase = phase;
    this.done = 0;
    this.failed = 0;
    this.total = ids.length;
    for (const id of ids) {
      if (signal.aborted) return;
      try {
        await work(id);
      } catch (error) {
        const known = toImageError(error);
        if (known.code === 'cancelled') return;
        this.failed += 1;
        // Kept on the asset, so the page shows why instead of waiting for it, and the next visit skips it.
        await this.library.tagging.setProblem(id, { code: known.code, message: known.message });
      }
      this.done += 1;
      this.onProgress();
    }
  }
}
