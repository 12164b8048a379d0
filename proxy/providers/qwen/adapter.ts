import { adapterBasics, callSettings, joinUrl } from '../catalogue';
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

interface TaskBody {
  output?: {
    task_id?: string;
    task_status?: string;
    results?: { url?: string }[];
    code?: string;
    message?: string;
  };
}

function errorMessage(body: unknown): string | undefined {
  if (body && typeof body === 'object' && 'message' in body) {
    const { code, message } = body as { code?: unknown; message?: unknown };
    return code ? `${String(code)}: ${String(message)}` : String(message);
  }
  return typeof body === 'string' && body ? body : undefined;
}

/**
 * Qwen image on Alibaba DashScope: an asynchronous task (`X-DashScope-Async: enable`) polled on
 * `/api/v1/tasks/{id}` until SUCCEEDED, then the image downloaded from the link (without the key).
 */
export function qwenAdapter(config: AdapterConfig): ProviderAdapter {
  const auth = { authorization: `Bearer ${config.apiKey}` };
  return {
    ...adapterBasics('qwen', config),

    async run({ op, size, seed }: RunRequest, signal: AbortSignal): Promise<RunOutcome> {
      if (op.operation !== 'generate')
        throw new ProviderError('qwen', 'rejected', `${op.operation} is not offered here.`);
      const response = await callUpstream({
        ...callSettings('qwen', config, signal),
        url: joinUrl(config.baseUrl, '/api/v1/services/aigc/text2image/image-synthesis'),
        init: {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json', 'x-dashscope-async': 'enable' },
          body: JSON.stringify({
            model: op.model,
            input: { prompt: op.prompt, negative_prompt: op.negativePrompt },
            parameters: {
              size: size ? `${size.width}*${size.height}` : undefined,
              n: 1,
              seed,
              prompt_extend: false,
              watermark: false
            }
          })
        },
        errorMessage
      });
      const body = (await readJson('qwen', response)) as TaskBody;
      const id = body.output?.task_id;
      if (!id) throw new ProviderError('qwen', 'bad_response', 'the answer had no task id.');
      return { kind: 'job', job: { provider: 'qwen', id, seed } };
    },

    async poll(job: JobHandle, signal: AbortSignal): Promise<PollOutcome> {
      const response = await callUpstream({
        ...callSettings('qwen', config, signal),
        url: joinUrl(config.baseUrl, `/api/v1/tasks/${encodeURIComponent(job.id)}`),
        init: { method: 'GET', headers: auth },
        errorMessage
      });
      const output = ((await readJson('qwen', response)) as TaskBody).output;
      switch (output?.task_status) {
        case 'PENDING':
        case 'RUNNING':
          return { status: 'pending' };
        case 'SUCCEEDED': {
          const url = output.results?.[0]?.url;
          if (!url)
            throw new ProviderError('qwen', 'bad_response', 'the task succeeded without an image link.');
          const file = await download({
            provider: 'qwen',
            url,
            signal,
            timeoutMs: config.timeoutMs,
            hosts: config.resultHosts
          });
          return { status: 'done', result: { ...file, seed: job.seed } };
        }
        default:
          throw new ProviderError(
            'qwen',
            'rejected',
            `the task ended ${output?.task_status ?? 'UNKNOWN'}: ${output?.message ?? 'no reason given'}.`
          );
      }
    }
  };
}
