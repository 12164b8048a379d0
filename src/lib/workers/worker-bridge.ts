import { wrap, releaseProxy, type Remote } from 'comlink';
import { ImageError, toImageError } from '$core/errors/image-error';

export interface WorkerBridgeOptions {
  /** Creates the Worker; called lazily, and again after a cancel or an idle shutdown. */
  create: () => Worker;
  /** Terminate after this long without work, to give the memory back (wasm heaps never shrink). */
  idleMs?: number;
}

/**
 * One lazily started worker with calls run one at a time. Aborting a call terminates the worker (the only
 * way to stop running wasm); the next call starts a fresh one.
 */
export class WorkerBridge<Api> {
  #worker: Worker | undefined;
  #remote: Remote<Api> | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #options: Required<WorkerBridgeOptions>;

  constructor(options: WorkerBridgeOptions) {
    this.#options = { idleMs: 10_000, ...options };
  }

  call<T>(run: (remote: Remote<Api>) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const next = this.#queue.then(() => this.#run(run, signal));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  terminate(): void {
    clearTimeout(this.#idleTimer);
    this.#remote?.[releaseProxy]();
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#remote = undefined;
  }

  async #run<T>(run: (remote: Remote<Api>) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw new ImageError('cancelled', 'Cancelled.');
    clearTimeout(this.#idleTimer);
    this.#worker ??= this.#options.create();
    this.#remote ??= wrap<Api>(this.#worker);
    const remote = this.#remote;
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        this.terminate();
        reject(new ImageError('cancelled', 'Cancelled.'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([run(remote), aborted]);
    } catch (error) {
      throw toImageError(error);
    } finally {
      if (onAbort) signal?.removeEventListener('abort', onAbort);
      this.#idleTimer = setTimeout(() => this.terminate(), this.#options.idleMs);
    }
  }
}
