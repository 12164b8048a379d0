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

  it('every template is a size Stability and WaveSpeed can plan', () => {
    for (const template of sizeTemplates) {
      for (const [provider, model] of [
        ['stability', 'core'],
        ['wavespeed', 'qwen-image']
      ] as const) {
        const planned = planOutputSize(findModel(provider, model)!.sizing, template.width, template.height);
        expect(typeof planned, `${template.id} on ${model}`).toBe('object');
      }
    }
  });
});
