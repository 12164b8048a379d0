import { describe, expect, it } from 'vitest';
import { longSideSize, planUpscale, providerSize } from './upscale-plan';

describe('upscale planning', () => {
  it('fast multiplies by four; conservative and creative answer at 4K on the long side', () => {
    expect(providerSize('upscale.fast', 500, 300)).toEqual({ width: 2000, height: 1200 });
    expect(providerSize('upscale.creative', 1024, 768)).toEqual({ width: 4096, height: 3072 });
  });

  it('targets the preset long side with the source aspect, portrait or landscape', () => {
    expect(longSideSize(600, 900, 2048)).toEqual({ width: 1365, height: 2048 });
    expect(longSideSize(1600, 900, 1080)).toEqual({ width: 1080, height: 608 });
  });

  it('says when the provider result falls short of the target', () => {
    const plan = planUpscale('upscale.fast', 400, 300, 3072);
    expect(plan.provider).toEqual({ width: 1600, height: 1200 });
    expect(plan.final).toEqual({ width: 3072, height: 2304 });
    expect(plan.note).toContain('1600×1200');
    expect(planUpscale('upscale.conservative', 400, 300, 3072).note).toBeUndefined();
  });
});
