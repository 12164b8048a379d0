import type { AiOperation } from '../../../src/lib/core/operations';
import { wireContract } from '../../../src/lib/core/operations/contracts';
import { adapterBasics, callSettings, joinUrl, partOf } from '../catalogue';
import { bodyOf, callUpstream, readJson } from '../http';
import { ProviderError } from '../provider-error';
import type {
  AdapterConfig,
  JobHandle,
  PollOutcome,
  ProviderAdapter,
  RunOutcome,
  RunRequest
} from '../types';

/** Our field name → Stability's multipart file field. */
const fileFields: Record<string, string> = {
  image: 'image',
  mask: 'mask',
  styleImage: 'style_image',
  backgroundReference: 'background_reference',
  lightReference: 'light_reference'
};
const notForm = new Set([
  'operation',
  'provider',
  'model',
  'variations',
  'width',
  'height',
  'seed',
  'steps',
  'guidance'
]);
const snake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

function errorMessage(body: unknown): string | undefined {
  if (body && typeof body === 'object' && 'errors' in body && Array.isArray(body.errors))
    return body.errors.join('; ');
  return typeof body === 'string' && body ? body : undefined;
}

/** The model's documented path (its contract's). */
function pathFor(op: AiOperation): string {
  const contract = wireContract('stability', op.model);
  if (!contract) throw new ProviderError('stability', 'rejected', `unknown model ${op.model}.`);
  return contract.path;
}

/** The multipart body: scalar fields in Stability's snake_case, images as file parts under Stability's names. */
export function stabilityForm({ op, size, seed, files }: RunRequest): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(op)) {
    if (value === undefined || notForm.has(key)) continue;
    if (typeof value === 'object') {
      const field =
        op.operation === 'control.style-transfer' && key === 'image'
          ? 'init_image'
          : op.operation === 'edit.relight' && key === 'image'
            ? 'subject_image'
            : fileFields[key];
      if (field && 'part' in value) form.append(field, partOf(files, String(value.part)), String(value.part));
      continue;
    }
    form.append(snake(key), String(value));
  }
  if (seed !== undefined) form.append('seed', String(seed));
  if (op.operation === 'generate') {
    if (size?.aspectRatio) form.append('aspect_ratio', size.aspectRatio);
    if (op.model.startsWith('sd3')) {
      form.append('model', op.model);
      if (op.guidance !== undefined) form.append('cfg_scale', String(op.guidance));
    }
  }
  return form;
}

export function stabilityAdapter(config: AdapterConfig): ProviderAdapter {
  const headers = (accept: string) => ({ authorization: `Bearer ${config.apiKey}`, accept });
  const resultOf = async (response: Response, fallbackSeed?: number) => {
    // A filtered generation is still a 200 — a blurred image with `finish-reason: CONTENT_FILTERED` — and
    // Stability bills it like any other; saving it as a success would hand the user a blur.
    if (response.headers.get('finish-reason') === 'CONTENT_FILTERED') {
      await response.body?.cancel();
      throw new ProviderError(
        'stability',
        'content_filtered',
        'the image was filtered by the provider (finish-reason CONTENT_FILTERED); Stability bills a filtered result.',
        response.status
      );
    }
    const seedHeader = Number(response.headers.get('seed'));
    return {
      body: bodyOf('stability', response),
      contentType: response.headers.get('content-type')?.split(';')[0] ?? 'image/png',
      seed: Number.isFinite(seedHeader) && response.headers.has('seed') ? seedHeader : fallbackSeed
    };
  };

  return {
    ...adapterBasics('stability', config),

    async run(request: RunRequest, signal: AbortSignal): Promise<RunOutcome> {
      const response = await callUpstream({
        ...callSettings('stability', config, signal),
        url: joinUrl(config.baseUrl, pathFor(request.op)),
        init: {
          method: 'POST',
          headers: headers(
            request.op.operation === 'transform.image-to-3d' ? 'model/gltf-binary' : 'image/*'
          ),
          body: stabilityForm(request)
        },
        errorMessage
      });
      const type = response.headers.get('content-type') ?? '';
      // Creative upscale and relight answer with a job id; everything else with the file itself.
      if (type.includes('application/json')) {
        const body = (await readJson('stability', response)) as { id?: unknown };
        if (typeof body.id !== 'string')
          throw new ProviderError(
            'stability',
            'bad_response',
            'the answer had neither an image nor a job id.'
          );
        return { kind: 'job', job: { provider: 'stability', id: body.id, seed: request.seed } };
      }
      return { kind: 'result', result: await resultOf(response, request.seed) };
    },

    async poll(job: JobHandle, signal: AbortSignal): Promise<PollOutcome> {
      const response = await callUpstream({
        ...callSettings('stability', config, signal),
        url: joinUrl(config.baseUrl, `/v2beta/results/${encodeURIComponent(job.id)}`),
        init: { method: 'GET', headers: headers('image/*') },
        errorMessage
      });
      if (response.status === 202) {
        await response.body?.cancel();
        return { status: 'pending' };
      }
      return { status: 'done', result: await resultOf(response, job.seed) };
    }
  };
}
