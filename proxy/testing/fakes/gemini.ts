import { solidPng } from './png';
import { jsonOf, sendJson, startFakeServer, type FakeServer } from './server';

/**
 * Gemini's generateContent contract: key in `x-goog-api-key`, `{contents, generationConfig}` in, candidates with
 * `inlineData` image parts out; `{error:{code, message, status}}` for failures; a prompt mentioning "weapon"
 * comes back blocked through `promptFeedback.blockReason`.
 */
export async function startFakeGemini(apiKey: string, port = 0): Promise<FakeServer> {
  return startFakeServer((request, response) => {
    if (request.headers['x-goog-api-key'] !== apiKey) {
      return sendJson(response, 400, {
        error: {
          code: 400,
          message: 'API key not valid. Please pass a valid API key.',
          status: 'INVALID_ARGUMENT'
        }
      });
    }
    if (request.method !== 'POST' || !/^\/v1beta\/models\/[\w.-]+:generateContent$/.test(request.path)) {
      return sendJson(response, 404, { error: { code: 404, message: 'Not found', status: 'NOT_FOUND' } });
    }
    const body = jsonOf(request) as {
      contents?: { parts?: { text?: string }[] }[];
      generationConfig?: { responseModalities?: string[] };
    };
    const text = body.contents?.[0]?.parts?.[0]?.text;
    if (!text)
      return sendJson(response, 400, {
        error: { code: 400, message: '* contents: must not be empty', status: 'INVALID_ARGUMENT' }
      });
    if (/weapon/i.test(text)) return sendJson(response, 200, { promptFeedback: { blockReason: 'SAFETY' } });
    if (!body.generationConfig?.responseModalities?.includes('IMAGE')) {
      const [prompt] = text.split('\n');
      return sendJson(response, 200, {
        candidates: [
          {
            content: { parts: [{ text: `${prompt}, soft golden-hour light, shallow depth of field` }] },
            finishReason: 'STOP'
          }
        ]
      });
    }
    const data = Buffer.from(solidPng(32, 32, [text.length % 256, 90, 200])).toString('base64');
    sendJson(response, 200, {
      candidates: [
        {
          content: {
            role: 'model',
            parts: [{ text: 'Here you go.' }, { inlineData: { mimeType: 'image/png', data } }]
          },
          finishReason: 'STOP'
        }
      ],
      usageMetadata: { promptTokenCount: 8, candidatesTokenCount: 1290 }
    });
  }, port);
}
