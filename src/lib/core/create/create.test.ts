import { describe, expect, it } from 'vitest';
import { findModel } from '../operations/models';
import { planOutputSize } from '../operations/sizing';
import { applyPersona, mergeNegative, type Persona } from './persona';
import { sizeTemplates } from './templates';
import { wordDiff } from './word-diff';

const persona: Persona = {
  id: 'p',
  name: 'Calm brand',
  voice: 'soft pastel palette, airy composition',
  negativePrompt: 'text, watermark'
};

describe('Create Studio helpers', () => {
  it('applies a persona once, without doubling punctuation', () => {
    const once = applyPersona('a coffee cup on a desk.', persona);
    expect(once).toBe('a coffee cup on a desk. soft pastel palette, airy composition');
    expect(applyPersona(once, persona)).toBe(once);
    expect(applyPersona('  ', persona)).toBe(persona.voice);
    expect(mergeNegative('blur', persona)).toBe('blur, text, watermark');
  });

  it('diffs a rewritten prompt word by word', () => {
    expect(wordDiff('a red fox', 'a small red fox at dawn')).toEqual([
      { kind: 'same', text: 'a ' },
      { kind: 'added', text: 'small ' },
      { kind: 'same', text: 'red fox' },
      { kind: 'added', text: ' at dawn' }
    ]);
    expect(wordDiff('old words', 'new words')).toEqual([
      { kind: 'removed', text: 'old' },
      { kind: 'added', text: 'new' },
      { kind: 'same', text: ' words' }
    ]);
  });

  it('plans every template up to 21:9 on Stability and WaveSpeed, and says to crop a banner too wide to plan', () => {
    for (const template of sizeTemplates) {
      const ratio = Math.max(template.width / template.height, template.height / template.width);
      for (const [provider, model] of [
        ['stability', 'core'],
        ['wavespeed', 'qwen-image']
      ] as const) {
        const planned = planOutputSize(findModel(provider, model)!.sizing, template.width, template.height);
        if (ratio <= 21 / 9) expect(typeof planned, `${template.id} on ${model}`).toBe('object');
        else if (typeof planned === 'string') expect(planned, template.id).toMatch(/and crop\.|too narrow/);
      }
    }
  });
});
