import type { AiOperation } from '../../../src/lib/core/operations';
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

/** Our model id → WaveSpeed's model path. */
export const wavespeedPaths: Record<string, string> = {
  'ideogram-v3-turbo': 'ideogram-ai/ideogram-v3-turbo',
  'qwen-image': 'wavespeed-ai/qwen-image/text-to-image',
  'flux-kontext-pro': 'wavespeed-ai/flux-kontext-pro/text-to-image',
  'qwen-edit': 'wavespeed-ai/qwen-image/edit',
  'seedream-v4.5-edit': 'bytedance/seedream-v4.5/edit',
  'flux-kontext-pro-edit': 'wavespeed-ai/flux-kontext-pro',
  'wan-2.5': 'alibaba/wan-2.5/image-to-video',
  'hunyuan-avatar': 'wavespeed-ai/hunyuan-avatar'
};

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

/** The JSON body WaveSpeed takes for each operation; images and audio travel as data URIs. */
async function submitBody({ op, size, seed, files }: RunRequest): Promise<Record<string, unknown>> {
  const base = { enable_sync_mode: false, ...(seed !== undefined ? { seed } : {}) };
  const uri = (part: string) => dataUri(partOf(files, part));
  const sized = size ? { size: `${size.width}*${size.height}` } : {};
  switch (op.operation) {
    case 'generate':
      return {
        ...base,
        ...sized,
        prompt: op.prompt,
        negative_prompt: op.negativePrompt,
        guidance_scale: op.guidance,
        num_inference_steps: op.steps
      };
    case 'edit.general':
      return {
        ...base,
        prompt: op.prompt,
        images: await Promise.all([op.image, ...op.references].map((image) => uri(image.part))),
        ...(op.mask ? { mask_image: await uri(op.mask.part) } : {}),
        guidance_scale: op.guidance,
        output_format: op.outputFormat === 'webp' ? 'png' : op.outputFormat
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
