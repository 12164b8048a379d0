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
        errorMessage,
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
        }
      }).catch((error: unknown) => {
        // The router answers this when the hf-inference provider stops serving a model: no retry will help, and
        // the operator must pick another model, so it is named as such (in our words; theirs go to the log).
        if (error instanceof ProviderError && /not supported by (any )?provider/i.test(error.detail ?? ''))
          throw new ProviderError(
            'huggingface',
            'rejected',
            `the hf-inference provider does not serve ${op.model} any more; choose another model.`,
            error.upstreamStatus,
            undefined,
            error.detail
          );
        throw error;
      });
      const contentType = response.headers.get('content-type')?.split(';')[0] ?? '';
      if (!contentType.startsWith('image/'))
        throw new ProviderError(
          'huggingface',
          'bad_response',
          'the answer was not an image.',
          undefined,
          undefined,
          `content-type ${contentType.slice(0, 100) || 'none'}`
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
