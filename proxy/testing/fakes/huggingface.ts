import { seedColour, solidPng } from './png';
import {
  bearerOf,
  contractAt,
  jsonOf,
  sendJson,
  startFakeServer,
  violationsOf,
  type FakeServer
} from './server';

/**
 * Hugging Face Inference through the router's hf-inference provider: Bearer token, JSON `{inputs, parameters}`,
 * image bytes back, `{error}` otherwise. A model the provider does not serve answers 400 "not supported by
 * provider"; bodies are checked against the text-to-image task contract; "no credit" answers 402.
 */
export async function startFakeHuggingFace(token: string, port = 0): Promise<FakeServer> {
  return startFakeServer(async (request, response) => {
    if (bearerOf(request) !== token)
      return sendJson(response, 401, { error: 'Invalid credentials in Authorization header' });
    if (request.method !== 'POST' || !request.path.startsWith('/models/'))
      return sendJson(response, 404, { error: 'Not Found' });
    const contract = contractAt('huggingface', request.path);
    if (!contract)
      return sendJson(response, 400, {
        error: `Model ${request.path.slice('/models/'.length)} is not supported by provider hf-inference.`
      });
    const violations = await violationsOf(contract, request);
    if (violations.length)
      return sendJson(response, 400, { error: violations.map((violation) => violation.message) });
    const body = jsonOf(request) as {
      inputs: string;
      parameters?: { seed?: number; width?: number; height?: number };
    };
    if (/no credit/i.test(body.inputs))
      return sendJson(response, 402, {
        error: 'You have exceeded your monthly included credits for Inference Providers.'
      });
    response.writeHead(200, { 'content-type': 'image/png' });
    response.end(
      solidPng(
        Math.round((body.parameters?.width ?? 512) / 8),
        Math.round((body.parameters?.height ?? 512) / 8),
        seedColour(body.parameters?.seed ?? 0)
      )
    );
  }, port);
}
