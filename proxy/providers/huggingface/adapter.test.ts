import { expect, it } from 'vitest';
import { GenerateOperationSchema } from '../../../src/lib/core/operations';
import { describeProviderContract } from '../../testing/fakes/contract';
import { jsonOf } from '../../testing/fakes/server';
import { runToResult } from '../execute';
import { huggingfaceAdapter } from './adapter';
import { startFakeHuggingFace } from '../../testing/fakes/huggingface';

const op = GenerateOperationSchema.parse({
  operation: 'generate',
  provider: 'huggingface',
  model: 'black-forest-labs/FLUX.1-schnell',
  prompt: 'a boat',
  steps: 4
});
const request = { op, size: { width: 768, height: 512 }, seed: 3, files: new Map() };

describeProviderContract(
  {
    name: 'Hugging Face',
    key: 'hf_fake_token_777',
    start: startFakeHuggingFace,
    adapter: huggingfaceAdapter,
    request,
    successRequests: 1,
    submitPath: /^\/models\//,
    rejection: { body: { error: 'Model is too busy to handle this request' }, message: 'Model is too busy' }
  },
  (context) => {
    it('sends {inputs, parameters} to /models/{repo} and waits out a model that is loading (503)', async () => {
      const { fake, config } = context();
      fake.failNext({
        status: 503,
        body: { error: 'Model black-forest-labs/FLUX.1-schnell is currently loading', estimated_time: 0.01 }
      });
      await runToResult(huggingfaceAdapter(config), request, new AbortController().signal, 2_000);
      expect(fake.requests.map((r) => r.path)).toEqual([
        '/models/black-forest-labs/FLUX.1-schnell',
        '/models/black-forest-labs/FLUX.1-schnell'
      ]);
      expect(jsonOf(fake.requests[1]!)).toEqual({
        inputs: 'a boat',
        parameters: { num_inference_steps: 4, width: 768, height: 512, seed: 3 }
      });
    });
  }
);
