import { describe, expect, it } from 'vitest';
import { GenerateOperationSchema } from '../../../src/lib/core/operations';
import { describeProviderContract, failureOf } from '../../testing/fakes/contract';
import { jsonOf } from '../../testing/fakes/server';
import { runToResult } from '../execute';
import { geminiAdapter, geminiEnhancer } from './adapter';
import { startFakeGemini } from '../../testing/fakes/gemini';

const op = GenerateOperationSchema.parse({
  operation: 'generate',
  provider: 'gemini',
  model: 'gemini-2.5-flash-image',
  prompt: 'a teapot'
});
const request = { op, size: { width: 1344, height: 768, aspectRatio: '16:9' }, files: new Map() };

describeProviderContract(
  {
    name: 'Gemini',
    key: 'AIzaFakeGeminiKey000',
    start: startFakeGemini,
    adapter: geminiAdapter,
    request,
    successRequests: 1,
    submitPath: /generateContent/,
    rejection: {
      body: {
        error: { code: 400, message: 'Invalid value at generation_config', status: 'INVALID_ARGUMENT' }
      },
      message: 'INVALID_ARGUMENT: Invalid value at generation_config'
    }
  },
  (context) => {
    it('calls generateContent with the key in a header, image modality and the aspect ratio', async () => {
      const { fake, config } = context();
      await runToResult(geminiAdapter(config), request, new AbortController().signal, 2_000);
      const [sent] = fake.requests;
      expect(sent?.path).toBe('/v1beta/models/gemini-2.5-flash-image:generateContent');
      expect(sent?.path).not.toContain(config.apiKey);
      expect(sent?.headers['x-goog-api-key']).toBe(config.apiKey);
      expect(jsonOf(sent!)).toEqual({
        contents: [{ role: 'user', parts: [{ text: 'a teapot' }] }],
        generationConfig: { responseModalities: ['IMAGE'], imageConfig: { aspectRatio: '16:9' } }
      });
    });

    it('reports a blocked prompt as content_filtered', async () => {
      const { config } = context();
      const error = await failureOf(
        runToResult(
          geminiAdapter(config),
          { ...request, op: { ...op, prompt: 'a weapon' } },
          new AbortController().signal,
          2_000
        )
      );
      expect(error?.code).toBe('content_filtered');
    });
  }
);

describe('Gemini prompt enhancement', () => {
  it('asks the text model with the instruction and returns its rewrite', async () => {
    const fake = await startFakeGemini('AIzaFakeGeminiKey000');
    try {
      const enhance = geminiEnhancer({
        apiKey: 'AIzaFakeGeminiKey000',
        baseUrl: fake.url,
        timeoutMs: 1_000,
        retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
        pollIntervalMs: 1,
        resultHosts: { hosts: [], origins: [] }
      });
      expect(await enhance('a teapot', 'cinematic', new AbortController().signal)).toBe(
        'a teapot, soft golden-hour light, shallow depth of field'
      );
      const sent = jsonOf(fake.requests[0]!) as {
        systemInstruction?: unknown;
        generationConfig?: { responseModalities?: string[] };
      };
      expect(fake.requests[0]?.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
      expect(sent.systemInstruction).toBeDefined();
      expect(sent.generationConfig?.responseModalities).toEqual(['TEXT']);
    } finally {
      await fake.close();
    }
  });
});
