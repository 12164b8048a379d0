import { adapterBasics, callSettings, joinUrl } from '../catalogue';
import { bodyOf, callUpstream } from '../http';
import { ProviderError } from '../provider-error';
import type { AdapterConfig, PollOutcome, ProviderAdapter, RunOutcome, RunRequest } from '../types';

function errorMessage(body: unknown): string | undefined {
  if (body && typeof body === 'object' && 'error' in body) {
    const { error } = body as { error: unknown };
    return Array.isArray(error) ? error.join('; ') : String(error);
  }
  return typeof body === 'string' && body ? body : undefined;
}

/**
 * Hugging Face Inference text-to-image: `POST /models/{repo}` with `{inputs, parameters}` answers the image
 * bytes; a model still loading answers 503 `{error, estimated_time}`, which the retry policy waits out.
 */
export function huggingfaceAdapter(config: AdapterConfig): ProviderAdapter {
  return {
    ...adapterBasics('huggingface', config),

    async run({ op, size, seed }: RunRequest, signal: AbortSignal): Promise<RunOutcome> {
      if (op.operation !== 'generate')
        throw new ProviderError('huggingface', 'rejected', `${op.operation} is not offered here.`);
      const response = await callUpstream({
        ...callSettings('huggingface', config, signal),
        url: joinUrl(config.baseUrl, `/models/${op.model}`),
        init: {
          method: 'POST',
          headers: {
            authorization: `Bearer ${config.apiKey}`,
            'content-type': 'application/json',
            accept: 'image/png'
          },
          body: JSON.stringify({
            inputs: op.prompt,
            parameters: {
              negative_prompt: op.negativePrompt,
              guidance_scale: op.guidance,
              num_inference_steps: op.steps,
              width: size?.width,
              height: size?.height,
              seed
            }
          })
        },
        errorMessage
      });
      const contentType = response.headers.get('content-type')?.split(';')[0] ?? '';
      if (!contentType.startsWith('image/'))
        throw new ProviderError(
          'huggingface',
          'bad_response',
          `expected an image, got ${contentType || 'nothing'}.`
        );
      return {
        kind: 'result',
        result: { body: bodyOf('huggingface', response), contentType, seed }
      };
    },

    poll(): Promise<PollOutcome> {
      return Promise.reject(
        new ProviderError('huggingface', 'bad_response', 'Hugging Face Inference has no jobs to poll.')
      );
    }
  };
}
