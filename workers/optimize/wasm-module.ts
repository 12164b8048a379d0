/**
 * The exports of one of the optimizer's AssemblyScript modules (`scripts/build-wasm.mjs`). Their one import is
 * AssemblyScript's `abort`, which names the module.
 */
export async function instantiate<T>(module: WebAssembly.Module, name: string): Promise<T> {
  const instance = await WebAssembly.instantiate(module, {
    env: {
      abort() {
        throw new Error(`The ${name} failed.`);
      }
    }
  });
  return instance.exports as unknown as T;
}

/**
 * A loader that compiles the module at `url` once per worker and makes it into `T`. It gives undefined where
 * that fails (no WebAssembly SIMD), after a warning that says what the caller does instead.
 */
export function loadOnce<T>(
  url: string,
  make: (module: WebAssembly.Module) => Promise<T>,
  otherwise: string
): () => Promise<T | undefined> {
  let loaded: Promise<T | undefined> | undefined;
  return () =>
    (loaded ??= WebAssembly.compileStreaming(fetch(url))
      .then(make)
      .catch((error: unknown) => {
        console.warn(`${otherwise}:`, error);
        return undefined;
      }));
}
