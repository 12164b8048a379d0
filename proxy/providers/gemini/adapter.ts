import { enhanceRate } from '../../../src/lib/core/cost/table';
import { adapterBasics, callSettings, joinUrl } from '../catalogue';
import { callUpstream, readJson } from '../http';
import { ProviderError } from '../provider-error';
import type { AdapterConfig, PollOutcome, ProviderAdapter, RunOutcome, RunRequest } from '../types';

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
          body: new Uint8Array(Buffer.from(image.data, 'base64')),
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

export const GEMINI_TEXT_MODEL = enhanceRate.model;

const ENHANCE_INSTRUCTION =
  'Rewrite the user’s image prompt to be specific and vivid for an image model: subject, setting, lighting, ' +
  'composition, lens or medium. Keep every element the user asked for, add no text or logos, stay under 600 ' +
  'characters, and answer with the prompt only.';

/** Prompt enhancement through Gemini's text model: the user sees the rewrite as a diff and chooses. */
export function geminiEnhancer(config: AdapterConfig) {
  return async (prompt: string, stylePreset: string | undefined, signal: AbortSignal): Promise<string> => {
    const response = await callUpstream({
      ...callSettings('gemini', config, signal),
      url: joinUrl(config.baseUrl, `/v1beta/models/${GEMINI_TEXT_MODEL}:generateContent`),
      init: {
        method: 'POST',
        headers: { 'x-goog-api-key': config.apiKey, 'content-type': 'application/json' },
        body: JSON.stringify({
          systemInstruction: { parts: [{ text: ENHANCE_INSTRUCTION }] },
          contents: [
            { role: 'user', parts: [{ text: stylePreset ? `${prompt}\n(style: ${stylePreset})` : prompt }] }
          ],
          generationConfig: { responseModalities: ['TEXT'], maxOutputTokens: 400 }
        })
      },
      errorMessage
    });
    const body = (await readJson('gemini', response)) as GenerateContentResponse;
    const text = body.candidates?.[0]?.content?.parts
      ?.map((part) => part.text ?? '')
      .join('')
      .trim();
    if (!text) throw new ProviderError('gemini', 'bad_response', 'the text model answered nothing.');
    return text.replace(/^["“]|["”]$/g, '').slice(0, 2_000);
  };
}
