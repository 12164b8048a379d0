import { adapterBasics, callSettings, joinUrl } from '../catalogue';
import { callUpstream, readJson } from '../http';
import { ProviderError } from '../provider-error';
import type { AdapterConfig, PollOutcome, ProviderAdapter, RunOutcome, RunRequest } from '../types';

export const GEMINI_BASE_URL = 'https://generativelanguage.googleapis.com';

interface GenerateContentResponse {
  candidates?: {
    content?: { parts?: { text?: string; inlineData?: { mimeType?: string; data?: string } }[] };
    finishReason?: string;
  }[];
  promptFeedback?: { blockReason?: string };
}

function errorMessage(body: unknown): string | undefined {
  if (body && typeof body === 'object' && 'error' in body) {
    const { error } = body as { error?: { message?: unknown; status?: unknown } };
    if (typeof error?.message === 'string')
      return error.status ? `${error.status}: ${error.message}` : error.message;
  }
  return typeof body === 'string' && body ? body : undefined;
}

/**
 * Gemini image generation through `models/{model}:generateContent` with `responseModalities: ["IMAGE"]`; the key
 * goes in the `x-goog-api-key` header (never the URL, which ends up in logs). A real call, not a blank PNG.
 */
export function geminiAdapter(config: AdapterConfig): ProviderAdapter {
  return {
    ...adapterBasics('gemini', config),

    async run({ op, size }: RunRequest, signal: AbortSignal): Promise<RunOutcome> {
      if (op.operation !== 'generate')
        throw new ProviderError('gemini', 'rejected', `${op.operation} is not offered here.`);
      const response = await callUpstream({
        ...callSettings('gemini', config, signal),
        url: joinUrl(config.baseUrl, `/v1beta/models/${encodeURIComponent(op.model)}:generateContent`),
        init: {
          method: 'POST',
          headers: { 'x-goog-api-key': config.apiKey, 'content-type': 'application/json' },
          body: JSON.stringify({
            contents: [{ role: 'user', parts: [{ text: op.prompt }] }],
            generationConfig: {
              responseModalities: ['IMAGE'],
              ...(size?.aspectRatio ? { imageConfig: { aspectRatio: size.aspectRatio } } : {})
            }
          })
        },
        errorMessage
      });
      const body = (await readJson('gemini', response)) as GenerateContentResponse;
      if (body.promptFeedback?.blockReason) {
        throw new ProviderError(
          'gemini',
          'content_filtered',
          `the prompt was blocked (${body.promptFeedback.blockReason}).`
        );
      }
      const candidate = body.candidates?.[0];
      const image = candidate?.content?.parts?.find((part) => part.inlineData?.data)?.inlineData;
      if (!image?.data) {
        if (candidate?.finishReason && candidate.finishReason !== 'STOP') {
          throw new ProviderError(
            'gemini',
            'content_filtered',
            `no image was made (${candidate.finishReason}).`
          );
        }
        throw new ProviderError('gemini', 'bad_response', 'the answer had no image.');
      }
      return {
        kind: 'result',
        result: {
          bytes: new Uint8Array(Buffer.from(image.data, 'base64')),
          contentType: image.mimeType ?? 'image/png'
        }
      };
    },

    poll(): Promise<PollOutcome> {
      return Promise.reject(
        new ProviderError('gemini', 'bad_response', 'Gemini image generation has no jobs to poll.')
      );
    }
  };
}
