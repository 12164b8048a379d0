import type { Human } from '@vladmandic/human';
import type * as tfjs from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs';

/**
 * Puts `kernelFunc` in place of the wasm backend's own kernel `name`, which it gets as `own` to call. Once per
 * loaded tfjs: a second call for the same name (Human loaded again) keeps the first replacement.
 */
export function replaceWasmKernel(
  human: Human,
  name: string,
  kernelFunc: (own: KernelFunc) => KernelFunc
): void {
  const tf = human.tf as typeof tfjs;
  const own = tf.getKernel(name, 'wasm') as (KernelConfig & { replaced?: true }) | undefined;
  if (!own || own.replaced) return;
  tf.unregisterKernel(name, 'wasm');
  tf.registerKernel({ ...own, replaced: true, kernelFunc: kernelFunc(own.kernelFunc) } as KernelConfig);
}
