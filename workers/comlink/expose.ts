import { expose } from 'comlink';
import { ImageError } from '$core/errors/image-error';

type AsyncApi = Record<string, (...args: never[]) => Promise<unknown>>;

/**
 * Comlink serialises a thrown Error as name, message and stack, losing our error code; a thrown plain
 * object crosses intact, so typed errors are rethrown as their JSON shape and rebuilt by the bridge.
 */
export function exposeApi<T extends AsyncApi>(api: T): T {
  const wrapped = Object.fromEntries(
    Object.entries(api).map(([name, fn]) => [
      name,
      async (...args: never[]) => {
        try {
          return await fn(...args);
        } catch (error) {
          throw error instanceof ImageError ? error.toJSON() : error;
        }
      }
    ])
  ) as T;
  expose(wrapped);
  return wrapped;
}
