import { solidPng } from './png';
import { contractAt, jsonOf, sendJson, startFakeServer, violationsOf, type FakeServer } from './server';

/**
 * Gemini's generateContent contract: key in `x-goog-api-key`, `{contents, generationConfig}` in, candidates with
 * `inlineData` image parts out; `{error:{code, message, status}}` for failures; a prompt mentioning "weapon"
 * comes back blocked through `promptFeedback.blockReason`. Bodies are checked against the model's contract (400
 * INVALID_ARGUMENT naming the field). The text model thinks as 2.5 Flash does: unless thinking is turned off
 * (thinkingBudget 0), about 1,000 thinking tokens count against maxOutputTokens, and a smaller cap answers with no
 * text and finishReason MAX_TOKENS.
 */
const THINKING_TOKENS = 1_000;
export async function startFakeGemini(apiKey: string, port = 0): Promise<FakeServer> {
  return startFakeServer(async (request, response) => {
    if (request.headers['x-goog-api-key'] !== apiKey) {
      return sendJson(response, 400, {
        error: {
          code: 400,
          message: 'API key not valid. Please pass a valid API key.',
          status: 'INVALID_ARGUMENT'
        }
      });
    }
    const contract = contractAt('gemini', request.path);
    if (request.method !== 'POST' || !contract) {
      return sendJson(response, 404, { error: { code: 404, message: 'Not found', status: 'NOT_FOUND' } });
    }
    const violations = await violationsOf(contract, request);
    if (violations.length)
      return sendJson(response, 400, {
        error: {
          code: 400,
          message: `Invalid JSON payload received. ${violations.map((violation) => violation.message).join('; ')}`,
          status: 'INVALID_ARGUMENT'
        }
      });
    const body = jsonOf(request) as {
      contents?: { parts?: { text?: string }[] }[];
      generationConfig?: {
        responseModalities?: string[];
        maxOutputTokens?: number;
        thinkingConfig?: { thinkingBudget?: number };
      };
    };
    const text = body.contents?.[0]?.parts?.[0]?.text;
    if (!text)
      return sendJson(response, 400, {
        error: { code: 400, message: '* contents: must not be empty', status: 'INVALID_ARGUMENT' }
      });
    if (/weapon/i.test(text)) return sendJson(response, 200, { promptFeedback: { blockReason: 'SAFETY' } });
    if (!body.generationConfig?.responseModalities?.includes('IMAGE')) {
      const config = body.generationConfig;
      const thinking = config?.thinkingConfig?.thinkingBudget === 0 ? 0 : THINKING_TOKENS;
      if (config?.maxOutputTokens !== undefined && config.maxOutputTokens <= thinking)
        return sendJson(response, 200, {
          candidates: [{ content: { role: 'model' }, finishReason: 'MAX_TOKENS' }],
          usageMetadata: { promptTokenCount: 40, thoughtsTokenCount: config.maxOutputTokens }
        });
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
