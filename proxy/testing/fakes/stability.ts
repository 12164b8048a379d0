import { randomUUID } from 'node:crypto';
import { readHeaderSize } from '../../../src/lib/core/image/header';
import { cubeGlb } from './glb';
import { seedColour, solidPng } from './png';
import {
  bearerOf,
  contractAt,
  formOf,
  sendJson,
  startFakeServer,
  violationsOf,
  type FakeServer
} from './server';

const ratioSides = (ratio: string | null): [number, number] => {
  const [w, h] = (ratio ?? '1:1').split(':').map(Number);
  const r = (w ?? 1) / (h ?? 1);
  return [Math.round(64 * Math.sqrt(r)), Math.round(64 / Math.sqrt(r))];
};

/**
 * Stability's edit endpoints answer at the input's size (an outpaint grown by its sides); generation answers a
 * small image of the asked ratio here, to stay quick.
 */
async function resultSides(path: string, form: FormData): Promise<[number, number]> {
  // Relight names its input `subject_image`; the other edits `image`.
  const image = form.get('image') ?? form.get('subject_image');
  const size = image instanceof Blob ? readHeaderSize(new Uint8Array(await image.arrayBuffer())) : undefined;
  if (!path.startsWith('/v2beta/stable-image/edit/') || !size)
    return ratioSides(form.get('aspect_ratio') as string | null);
  const side = (name: string) => Number(form.get(name) ?? 0);
  return [size.width + side('left') + side('right'), size.height + side('up') + side('down')];
}

const error = (name: string, messages: string | string[]) => ({
  id: randomUUID().replace(/-/g, ''),
  name,
  errors: typeof messages === 'string' ? [messages] : messages
});

/**
 * Stability's v2beta contract: Bearer key, multipart POSTs, `image/*` answers with `seed` and `finish-reason`
 * headers, `{id, name, errors[]}` error bodies, creative upscale and relight as jobs polled on /v2beta/results/{id}
 * (202 while in progress). Every request is checked against the model's contract and refused with a 400 naming the
 * field, as the API does. Scripted answers: a prompt containing "forbidden" is refused by moderation (403),
 * "filtered" comes back as a blurred 200 with `finish-reason: CONTENT_FILTERED`, "no credit" gets 402.
 */
export async function startFakeStability(apiKey: string, port = 0): Promise<FakeServer> {
  const jobs = new Map<string, { polls: number; seed: number; finish: string; sides: [number, number] }>();
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
        'finish-reason': job.finish
      });
      return response.end(solidPng(...job.sides, seedColour(job.seed)));
    }
    if (request.method !== 'POST' || !request.path.startsWith('/v2beta/')) {
      return sendJson(response, 404, error('not_found', `${request.method} ${request.path} not found`));
    }
    const contract = contractAt('stability', request.path);
    if (!contract) return sendJson(response, 404, error('not_found', `${request.path} not found`));
    const violations = await violationsOf(contract, request);
    if (violations.length) {
      return sendJson(
        response,
        400,
        error(
          'bad_request',
          violations.map((violation) => violation.message)
        )
      );
    }
    const form = await formOf(request);
    const seed = Number(form.get('seed') || 1 + Math.floor(Math.random() * 4_294_967_293));
    const prompt = String(form.get('prompt') ?? '');
    if (/forbidden/i.test(prompt)) {
      return sendJson(
        response,
        403,
        error('content_moderation', 'Your request was flagged by our content moderation system.')
      );
    }
    if (/no credit/i.test(prompt)) {
      return sendJson(
        response,
        402,
        error('payment_required', 'You lack sufficient credits to make this request.')
      );
    }
    const finish = /filtered/i.test(prompt) ? 'CONTENT_FILTERED' : 'SUCCESS';
    if (
      request.path.endsWith('/upscale/creative') ||
      request.path.endsWith('/replace-background-and-relight')
    ) {
      const id = randomUUID().replace(/-/g, '');
      const sides: [number, number] = request.path.endsWith('/upscale/creative')
        ? [128, 128]
        : await resultSides(request.path, form);
      jobs.set(id, { polls: 0, seed, finish, sides });
      return sendJson(response, 200, { id });
    }
    if (request.path === '/v2beta/3d/stable-fast-3d') {
      // A real model (a cube with coloured faces), so the app's 3D viewer has something to render.
      response.writeHead(200, { 'content-type': 'model/gltf-binary' });
      return response.end(cubeGlb());
    }
    const [width, height] = await resultSides(request.path, form);
    const png = solidPng(width, height, seedColour(seed));
    if (request.headers.accept?.includes('application/json')) {
      return sendJson(response, 200, {
        image: Buffer.from(png).toString('base64'),
        seed,
        finish_reason: finish
      });
    }
    response.writeHead(200, { 'content-type': 'image/png', seed: String(seed), 'finish-reason': finish });
    response.end(png);
  }, port);
  return server;
}
