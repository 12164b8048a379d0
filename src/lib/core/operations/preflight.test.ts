import { describe, expect, it } from 'vitest';
import { AiOperationSchema, type AiOperationInput } from './index';
import { findModel } from './models';
import { preflight } from './preflight';

const check = (input: AiOperationInput) => {
  const op = AiOperationSchema.parse(input);
  return preflight(op, findModel(op.provider, op.model));
};
const image = { part: 'image', format: 'png', width: 1024, height: 1024, bytes: 500_000 } as const;
const generate = {
  operation: 'generate',
  provider: 'stability',
  model: 'sd3.5-large',
  prompt: 'a lighthouse'
} as const;

describe('preflight', () => {
  it('passes a valid generate', () => {
    expect(check({ ...generate, guidance: 4, width: 1080, height: 1350 })).toEqual([]);
  });

  it('refuses an unknown model and a model that cannot do the operation', () => {
    expect(check({ ...generate, model: 'sdxl-9000' })).toEqual([
      { field: 'model', message: 'stability has no model "sdxl-9000".' }
    ]);
    expect(check({ ...generate, model: 'inpaint' })[0]?.message).toMatch(/cannot do generate/);
  });

  it('applies each model’s own guidance and steps range', () => {
    expect(check({ ...generate, guidance: 12 })).toEqual([
      { field: 'guidance', message: 'Guidance must be 1–10 for this model.' }
    ]);
    expect(check({ ...generate, model: 'ultra', guidance: 5 })[0]?.message).toMatch(/no guidance setting/);
    expect(check({ ...generate, provider: 'wavespeed', model: 'qwen-image', steps: 70 })[0]?.field).toBe(
      'steps'
    );
  });

  it('applies each model’s prompt length and negative-prompt support', () => {
    expect(
      check({ ...generate, provider: 'qwen', model: 'qwen-image', prompt: 'x'.repeat(801) })[0]?.message
    ).toMatch(/takes at most 800/);
    expect(
      check({ ...generate, provider: 'gemini', model: 'gemini-2.5-flash-image', negativePrompt: 'blur' })[0]
        ?.field
    ).toBe('negativePrompt');
  });

  it('refuses input images outside the provider limits, naming each limit', () => {
    const op = { operation: 'upscale.fast', provider: 'stability', model: 'fast' } as const;
    expect(check({ ...op, image: { ...image, width: 1024, height: 1024 } })).toEqual([]);
    const big = check({ ...op, image: { ...image, width: 2048, height: 1536 } });
    expect(big.map((issue) => issue.message).join(' ')).toMatch(
      /between 0\.00 MP and 1\.0 MP|must be between/
    );
    expect(big.some((issue) => /Each side must be 32–1536/.test(issue.message))).toBe(true);
    const wide = check({
      operation: 'edit.erase',
      provider: 'stability',
      model: 'erase',
      image: { ...image, width: 3000, height: 1000 }
    });
    expect(wide.map((issue) => issue.message)).toEqual(['The aspect ratio 3.00:1 is outside 0.40–2.50:1.']);
    const heavy = check({
      operation: 'edit.erase',
      provider: 'stability',
      model: 'erase',
      image: { ...image, bytes: 11 * 1024 * 1024, format: 'gif' }
    });
    expect(heavy.map((issue) => issue.message)).toEqual([
      'GIF is not accepted here; use PNG, JPEG, WEBP.',
      'The image is 11.0 MB; the limit is 10.0 MB.'
    ]);
  });

  it('checks every image an operation carries, including the style image', () => {
    const issues = check({
      operation: 'control.style-transfer',
      provider: 'stability',
      model: 'style-transfer',
      image,
      styleImage: { ...image, part: 'style', width: 40, height: 40 }
    });
    expect(issues.every((issue) => issue.field === 'styleImage')).toBe(true);
    expect(issues.length).toBeGreaterThan(0);
  });
});
