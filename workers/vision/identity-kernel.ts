import type { Human } from '@vladmandic/human';
import type { TensorInfo } from '@tensorflow/tfjs';
import { replaceWasmKernel } from './wasm-kernel';

interface IdentityArgs {
  inputs: { x: TensorInfo };
  backend: { incRef(dataId: TensorInfo['dataId']): void };
}

/**
 * Makes `clone` on the wasm backend share the tensor's memory instead of copying it, as the cpu backend's
 * Identity and every backend's reshape already do (tensors are immutable; a block shared by several tensors is
 * freed with the last of them). BlazeFace's box search clones its whole input before squeezing it to 256×256,
 * so every detector call copied the frame once more in the wasm heap: ~49 ms of the CLI's 12 MP run, half of it
 * first-touched memory. Strings do not live in the heap and keep the backend's own kernel.
 */
export function shareIdentity(human: Human): void {
  replaceWasmKernel(human, 'Identity', (own) => (args) => {
    const { inputs, backend } = args as unknown as IdentityArgs;
    if (inputs.x.dtype === 'string') return own(args);
    backend.incRef(inputs.x.dataId);
    return { dataId: inputs.x.dataId, shape: inputs.x.shape, dtype: inputs.x.dtype };
  });
}
