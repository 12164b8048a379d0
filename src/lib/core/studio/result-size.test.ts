import { describe, expect, it } from 'vitest';
import { AiOperationSchema, type AiOperationInput } from '../operations';
import { promisedSize, resultSizeProblem } from './result-size';

const image = { part: 'image', format: 'jpeg', width: 1024, height: 768, bytes: 200_000 } as const;
const parse = (input: AiOperationInput) => AiOperationSchema.parse(input);
const inpaint = parse({
  operation: 'edit.inpaint',
  provider: 'stability',
  model: 'inpaint',
  image,
  mask: { part: 'mask', format: 'png', width: 1024, height: 768, bytes: 5_000 },
  prompt: 'a red hat',
  growMask: 5
});

describe('resultSizeProblem', () => {
  it('refuses a 64×64 result for a 1024×768 inpaint, naming both sizes', () => {
    expect(resultSizeProblem(inpaint, { width: 64, height: 64 })).toMatch(/returned a 64×64 image.*1024×768/);
  });

  it('refuses a thumbnail of the right shape', () => {
    expect(resultSizeProblem(inpaint, { width: 128, height: 96 })).toMatch(/128×96/);
  });

  it('accepts the promised size, or the same shape scaled to a provider limit', () => {
    expect(resultSizeProblem(inpaint, { width: 1024, height: 768 })).toBeUndefined();
    expect(resultSizeProblem(inpaint, { width: 512, height: 384 })).toBeUndefined();
  });

  it('promises an outpaint its added sides', () => {
    const outpaint = parse({
      operation: 'edit.outpaint',
      provider: 'stability',
      model: 'outpaint',
      image,
      left: 100,
      right: 100,
      up: 0,
      down: 0,
      creativity: 0.5
    });
    expect(promisedSize(outpaint)).toEqual({ width: 1224, height: 768 });
    expect(resultSizeProblem(outpaint, { width: 1024, height: 768 })).toMatch(/1224×768/);
  });
});
