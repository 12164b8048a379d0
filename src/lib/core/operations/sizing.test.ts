import { describe, expect, it } from 'vitest';
import { findModel } from './models';
import { planOutputSize } from './sizing';

const sizingOf = (provider: 'stability' | 'wavespeed' | 'qwen', model: string) => {
  const spec = findModel(provider, model);
  if (!spec) throw new Error(`no ${model}`);
  return spec.sizing;
};

describe('planOutputSize', () => {
  it('maps a size to the nearest ratio a ratio-driven model takes', () => {
    expect(planOutputSize(sizingOf('stability', 'core'), 1080, 1920)).toMatchObject({ aspectRatio: '9:16' });
    expect(planOutputSize(sizingOf('stability', 'core'), 1200, 630)).toMatchObject({ aspectRatio: '16:9' });
    expect(planOutputSize(sizingOf('stability', 'core'), 1080, 1350)).toMatchObject({ aspectRatio: '4:5' });
  });

  it('scales a template above the model limit down instead of refusing it', () => {
    expect(planOutputSize(sizingOf('wavespeed', 'qwen-image'), 1920, 1080)).toEqual({
      width: 1024,
      height: 576
    });
    expect(planOutputSize(sizingOf('wavespeed', 'qwen-image'), 512, 512)).toEqual({
      width: 512,
      height: 512
    });
  });

  it('explains a ratio no model size comes close to', () => {
    expect(planOutputSize(sizingOf('stability', 'ultra'), 1128, 191)).toMatch(/outside this model's ratios/);
    expect(planOutputSize(sizingOf('qwen', 'qwen-image'), 1500, 500)).toMatch(/too far/);
  });

  it('picks the closest fixed size', () => {
    expect(planOutputSize(sizingOf('qwen', 'qwen-image'), 1920, 1080)).toEqual({ width: 1664, height: 928 });
  });
});
