import { seedColour, solidPng } from './png';
import { bearerOf, jsonOf, sendJson, startFakeServer, type FakeServer } from './server';

/** Hugging Face Inference: Bearer token, JSON `{inputs, parameters}`, image bytes back, `{error}` otherwise. */
export async function startFakeHuggingFace(token: string, port = 0): Promise<FakeServer> {
  return startFakeServer((request, response) => {
    if (bearerOf(request) !== token)
      return sendJson(response, 401, { error: 'Invalid credentials in Authorization header' });
    if (request.method !== 'POST' || !request.path.startsWith('/models/'))
      return sendJson(response, 404, { error: 'Not Found' });
    const body = jsonOf(request) as {
      inputs?: unknown;
      parameters?: { seed?: number; width?: number; height?: number };
    };
    if (typeof body.inputs !== 'string' || !body.inputs)
      return sendJson(response, 400, { error: ['Input should be a valid string: inputs'] });
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
