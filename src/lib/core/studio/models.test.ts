import { describe, expect, it } from 'vitest';
import type { ProvidersResponse } from '../api/ai';
import { chosenModel, modelChoices } from './models';

const model = (id: string, operations: string[]) => ({
  id,
  label: id.toUpperCase(),
  operations,
  seed: true,
  negativePrompt: false,
  stylePresets: false,
  maxPromptChars: 100,
  async: false
});

const providers: ProvidersResponse = {
  providers: [
    {
      id: 'stability',
      label: 'Stability',
      models: [model('inpaint', ['edit.inpaint']), model('core', ['generate'])]
    },
    {
      id: 'wavespeed',
      label: 'WaveSpeed',
      models: [model('qwen-edit', ['edit.general']), model('seedream-edit', ['edit.general'])]
    }
  ]
};

describe('modelChoices', () => {
  it('lists only the configured models that run the operation, across providers', () => {
    expect(modelChoices(providers, 'edit.general')).toEqual([
      { provider: 'wavespeed', model: 'qwen-edit', label: 'WaveSpeed · QWEN-EDIT' },
      { provider: 'wavespeed', model: 'seedream-edit', label: 'WaveSpeed · SEEDREAM-EDIT' }
    ]);
    expect(modelChoices(providers, 'upscale.fast')).toEqual([]);
  });
});

describe('chosenModel', () => {
  it('takes the picked model, falls back to the first when the pick does not exist for the operation', () => {
    expect(chosenModel(providers, 'edit.general', 1)?.model).toBe('seedream-edit');
    // A pick made for another tool (Edit keeps its index across tools) must not leave the operation modelless.
    expect(chosenModel(providers, 'edit.inpaint', 1)?.model).toBe('inpaint');
    expect(chosenModel(providers, 'edit.general')?.model).toBe('qwen-edit');
    expect(chosenModel(providers, 'upscale.fast', 0)).toBeUndefined();
  });
});
