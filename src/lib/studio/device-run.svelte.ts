import { toImageError } from '$core/errors/image-error';
import type { DeviceResult } from '$core/ai/schema';
import { library } from '$lib/library/library';
import { withVersion, type StudioSource } from './source';

/** Whether the browser says it has a network: on-device tools say they still work when it has none. */
export class Online {
  now = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
  constructor() {
    $effect(() => {
      const update = () => (this.now = navigator.onLine);
      addEventListener('online', update);
      addEventListener('offline', update);
      return () => {
        removeEventListener('online', update);
        removeEventListener('offline', update);
      };
    });
  }
}

/**
 * One on-device run at a time, with cancel and progress; its result saved as a Library version of the source
 * (op and params recorded, no provider, no cost). The caller releases the previous source's URL when done with it.
 */
export class DeviceRun {
  running: { controller: AbortController; label: string } | undefined = $state();
  error: { code: string; message: string } | undefined = $state();
  saved = $state(false);

  async run(
    source: StudioSource,
    label: string,
    work: (bytes: Uint8Array, signal: AbortSignal) => Promise<DeviceResult>,
    record: { operation: string; params: Record<string, unknown>; module: 'edit' | 'upscale' }
  ): Promise<{ result: DeviceResult; source: StudioSource } | undefined> {
    if (this.running) return undefined;
    const controller = new AbortController();
    this.running = { controller, label };
    this.error = undefined;
    this.saved = false;
    try {
      const result = await work(new Uint8Array(await source.blob.arrayBuffer()), controller.signal);
      if (controller.signal.aborted) return undefined;
      const blob = new Blob([result.bytes as BlobPart], { type: result.mime });
      await library.versions.derive(
        source.assetId,
        record.operation,
        { ...record.params, ms: result.ms },
        blob,
        {
          provider: 'device',
          cost: 0,
          module: record.module,
          width: result.width,
          height: result.height
        }
      );
      const next = await withVersion(source, blob);
      this.saved = true;
      return { result, source: next };
    } catch (failure) {
      const error = toImageError(failure);
      if (error.code !== 'cancelled') this.error = { code: error.code, message: error.message };
      return undefined;
    } finally {
      this.running = undefined;
    }
  }

  cancel() {
    this.running?.controller.abort();
  }
}
