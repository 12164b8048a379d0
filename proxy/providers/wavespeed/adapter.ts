import type { AiOperation } from '../../../src/lib/core/operations';
import { wireContract, wireContracts } from '../../../src/lib/core/operations/contracts';
import { adapterBasics, callSettings, dataUri, joinUrl, partOf } from '../catalogue';
import { callUpstream, download, readJson } from '../http';
import { ProviderError } from '../provider-error';
import type {
  AdapterConfig,
  JobHandle,
  PollOutcome,
  ProviderAdapter,
  RunOutcome,
  RunRequest
} from '../types';

/** Our model id → WaveSpeed's model path, from the contracts. */
export const wavespeedPaths: Record<string, string> = Object.fromEntries(
  wireContracts
    .filter((contract) => contract.provider === 'wavespeed')
    .map((contract) => [contract.model, contract.path.slice(1)])
);

interface Prediction {
  id?: string;
  status?: string;
  outputs?: unknown[];
  error?: string;
}

function errorMessage(body: unknown): string | undefined {
  if (body && typeof body === 'object') {
    const { message, data } = body as { message?: unknown; data?: { error?: unknown } };
    if (typeof data?.error === 'string' && data.error) return data.error;
    if (typeof message === 'string') return message;
  }
  return typeof body === 'string' && body ? body : undefined;
}

/**
 * The JSON body WaveSpeed takes for each operation, field by field as the model's contract documents it: optional
 * settings go only to models that take them, single-image models get `image`, multi-image ones `images[]`, and no
 * model is sent a mask (none documents one; pre-flight refuses a mask before this point). Images and audio travel
 * as data URIs.
 */
async function submitBody({ op, size, seed, files }: RunRequest): Promise<Record<string, unknown>> {
  const contract = wireContract('wavespeed', op.model);
  if (!contract) throw new ProviderError('wavespeed', 'rejected', `unknown model ${op.model}.`);
  const takes = (field: string) => field in contract.fields;
  const base = { enable_sync_mode: false, ...(seed !== undefined && takes('seed') ? { seed } : {}) };
  const uri = (part: string) => dataUri(partOf(files, part));
  switch (op.operation) {
    case 'generate':
      return {
        ...base,
        ...(size && takes('size') ? { size: `${size.width}*${size.height}` } : {}),
        ...(size?.aspectRatio && takes('aspect_ratio') ? { aspect_ratio: size.aspectRatio } : {}),
        prompt: op.prompt,
        ...(takes('negative_prompt') ? { negative_prompt: op.negativePrompt } : {}),
        ...(takes('guidance_scale') ? { guidance_scale: op.guidance } : {}),
        ...(takes('num_inference_steps') ? { num_inference_steps: op.steps } : {}),
        ...(takes('output_format') ? { output_format: op.outputFormat } : {})
      };
    case 'edit.general':
      return {
        ...base,
        prompt: op.prompt,
        ...(takes('images')
          ? { images: await Promise.all([op.image, ...op.references].map((image) => uri(image.part))) }
          : { image: await uri(op.image.part) }),
        ...(takes('guidance_scale') ? { guidance_scale: op.guidance } : {}),
        ...(takes('output_format') ? { output_format: op.outputFormat } : {})
      };
    case 'transform.image-to-video':
      return {
        ...base,
        image: await uri(op.image.part),
        prompt: op.prompt,
        negative_prompt: op.negativePrompt,
        resolution: op.resolution,
        duration: op.durationSeconds,
        enable_prompt_expansion: op.promptExpansion,
        ...(op.audio ? { audio: await uri(op.audio.part) } : {})
      };
    case 'transform.talking-avatar':
      return {
        ...base,
        image: await uri(op.image.part),
        audio: await uri(op.audio.part),
        prompt: op.prompt,
        resolution: op.resolution
      };
    default:
      throw new ProviderError('wavespeed', 'rejected', `${op.operation} is not a WaveSpeed operation.`);
  }
}

const outputUrl = (output: unknown): string | undefined => {
  if (typeof output === 'string') return output;
  if (output && typeof output === 'object') {
    const { url, image_url: imageUrl, output: nested } = output as Record<string, unknown>;
    for (const candidate of [url, imageUrl, nested]) if (typeof candidate === 'string') return candidate;
  }
  return undefined;
};

function pathOf(op: AiOperation): string {
  const path = wavespeedPaths[op.model];
  if (!path) throw new ProviderError('wavespeed', 'rejected', `unknown model ${op.model}.`);
  return path;
}

/** WaveSpeed: JSON submit → poll /predictions/{id}/result → download the output from the link it gives. */
export function wavespeedAdapter(config: AdapterConfig): ProviderAdapter {
  const auth = { authorization: `Bearer ${config.apiKey}` };

  async function finish(prediction: Prediction, signal: AbortSignal, seed?: number): Promise<PollOutcome> {
    if (prediction.status === 'failed') {
      throw new ProviderError(
        'wavespeed',
        'rejected',
        `the job failed: ${prediction.error || 'no reason given'}.`
      );
    }
    if (prediction.status !== 'completed') return { status: 'pending' };
    const url = outputUrl(prediction.outputs?.[0]);
    if (!url)
      throw new ProviderError('wavespeed', 'bad_response', 'the job completed without an output link.');
    const file = await download({
      provider: 'wavespeed',
      url,
      signal,
      timeoutMs: config.timeoutMs,
      hosts: config.resultHosts
    });
    return { status: 'done', result: { ...file, seed } };
  }

  const dataOf = async (response: Response): Promise<Prediction> => {
    const body = (await readJson('wavespeed', response)) as { data?: Prediction };
    if (!body.data) throw new ProviderError('wavespeed', 'bad_response', 'the answer had no data.');
    return body.data;
  };

  return {
    ...adapterBasics('wavespeed', config),

    async run(request: RunRequest, signal: AbortSignal): Promise<RunOutcome> {
      const response = await callUpstream({
        ...callSettings('wavespeed', config, signal),
        url: joinUrl(config.baseUrl, `/${pathOf(request.op)}`),
        init: {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify(await submitBody(request))
        },
        errorMessage
      });
      const prediction = await dataOf(response);
      const done = await finish(prediction, signal, request.seed);
      if (done.status === 'done') return { kind: 'result', result: done.result };
      if (!prediction.id)
        throw new ProviderError('wavespeed', 'bad_response', 'the answer had no prediction id.');
      return { kind: 'job', job: { provider: 'wavespeed', id: prediction.id, seed: request.seed } };
    },

    async poll(job: JobHandle, signal: AbortSignal): Promise<PollOutcome> {
      const response = await callUpstream({
        ...callSettings('wavespeed', config, signal),
        url: joinUrl(config.baseUrl, `/predictions/${encodeURIComponent(job.id)}/result`),
        init: { method: 'GET', headers: auth },
        errorMessage
      });
      return finish(await dataOf(response), signal, job.seed);
    }
  };
}
