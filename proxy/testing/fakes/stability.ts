import { randomUUID } from 'node:crypto';
import { cubeGlb } from './glb';
import { seedColour, solidPng } from './png';
import { bearerOf, formOf, sendJson, startFakeServer, type FakeServer } from './server';

const ratioSides = (ratio: string | null): [number, number] => {
  const [w, h] = (ratio ?? '1:1').split(':').map(Number);
  const r = (w ?? 1) / (h ?? 1);
  return [Math.round(64 * Math.sqrt(r)), Math.round(64 / Math.sqrt(r))];
};

const error = (name: string, message: string) => ({
  id: randomUUID().replace(/-/g, ''),
  name,
  errors: [message]
});

/**
 * Stability's v2beta contract: Bearer key, multipart POSTs, `image/*` answers with `seed` and `finish-reason`
 * headers, `{id, name, errors[]}` error bodies, creative upscale and relight as jobs polled on /v2beta/results/{id}
 * (202 while in progress). A prompt containing "forbidden" is refused by moderation, as the real API does.
 */
export async function startFakeStability(apiKey: string, port = 0): Promise<FakeServer> {
  const jobs = new Map<string, { polls: number; seed: number }>();
  const server = await startFakeServer(async (request, response) => {
    if (bearerOf(request) !== apiKey) {
      // Like many APIs, the error names the key it was given: the proxy must never pass this on.
      return sendJson(
        response,
        401,
        error('unauthorized', `authorization: invalid key ${bearerOf(request) ?? ''}`)
      );
    }
    const result = request.path.match(/^\/v2beta\/results\/([\w-]+)$/);
    if (request.method === 'GET' && result) {
      const job = jobs.get(result[1] ?? '');
      if (!job) return sendJson(response, 404, error('not_found', `no generation with id ${result[1]}`));
      if (job.polls++ < server.pendingPolls)
        return sendJson(response, 202, { id: result[1], status: 'in-progress' });
      response.writeHead(200, {
        'content-type': 'image/png',
        seed: String(job.seed),
        'finish-reason': 'SUCCESS'
      });
      return response.end(solidPng(128, 128, seedColour(job.seed)));
    }
    if (request.method !== 'POST' || !request.path.startsWith('/v2beta/')) {
      return sendJson(response, 404, error('not_found', `${request.method} ${request.path} not found`));
    }
    if (!request.headers['content-type']?.startsWith('multipart/form-data')) {
      return sendJson(response, 400, error('bad_request', 'content-type: must be multipart/form-data'));
    }
    const form = await formOf(request);
    const seed = Number(form.get('seed') ?? Math.floor(Math.random() * 4_294_967_294));
    const prompt = String(form.get('prompt') ?? '');
    const generating = request.path.startsWith('/v2beta/stable-image/generate/');
    if ((generating || request.path.includes('/control/sketch')) && !prompt) {
      return sendJson(response, 400, error('bad_request', 'prompt: cannot be empty'));
    }
    if (/forbidden/i.test(prompt)) {
      return sendJson(
        response,
        403,
        error('content_moderation', 'Your request was flagged by our content moderation system.')
      );
    }
    if (
      !generating &&
      !(form.get('image') instanceof Blob) &&
      !(form.get('init_image') instanceof Blob) &&
      !(form.get('subject_image') instanceof Blob)
    ) {
      return sendJson(response, 400, error('bad_request', 'image: required'));
    }
    if (
      request.path.endsWith('/upscale/creative') ||
      request.path.endsWith('/replace-background-and-relight')
    ) {
      const id = randomUUID().replace(/-/g, '');
      jobs.set(id, { polls: 0, seed });
      return sendJson(response, 200, { id });
    }
    if (request.path === '/v2beta/3d/stable-fast-3d') {
      // A real model (a cube with coloured faces), so the app's 3D viewer has something to render.
      response.writeHead(200, { 'content-type': 'model/gltf-binary' });
      return response.end(cubeGlb());
    }
    const [width, height] = ratioSides(form.get('aspect_ratio') as string | null);
    const png = solidPng(width, height, seedColour(seed));
    if (request.headers.accept?.includes('application/json')) {
      return sendJson(response, 200, {
        image: Buffer.from(png).toString('base64'),
        seed,
        finish_reason: 'SUCCESS'
      });
    }
    response.writeHead(200, { 'content-type': 'image/png', seed: String(seed), 'finish-reason': 'SUCCESS' });
    response.end(png);
  }, port);
  return server;
}
