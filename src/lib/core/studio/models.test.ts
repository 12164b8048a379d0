import { describe, expect, it } from 'vitest';
import type { ProvidersResponse } from '../api/ai';
import { modelsFor } from './models';

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

describe('modelsFor', () => {
  it('lists only the configured models that run the operation, across providers', () => {
    const providers: ProvidersResponse = {
      providers: [
        {
          id: 'stability',
          label: 'Stability',
          models: [model('inpaint', ['edit.inpaint']), model('core', ['generate'])]
        },
        { id: 'wavespeed', label: 'WaveSpeed', models: [model('qwen-edit', ['edit.general'])] }
      ]
    };
    expect(modelsFor(providers, 'edit.general')).toEqual([
      { provider: 'wavespeed', model: 'qwen-edit', label: 'WaveSpeed · QWEN-EDIT' }
    ]);
    expect(modelsFor(providers, 'upscale.fast')).toEqual([]);
  });
});
