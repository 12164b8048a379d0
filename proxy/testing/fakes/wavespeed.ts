import { randomUUID } from 'node:crypto';
import { bearerOf, serveResultFile, jsonOf, sendJson, startFakeServer, type FakeServer } from './server';
import { wavespeedPaths } from '../../providers/wavespeed/adapter';

/**
 * WaveSpeed's v3 contract: `POST /{model path}` with JSON → `{code, message, data:{id, status:"created"}}`;
 * `GET /predictions/{id}/result` → data.status created/processing/completed/failed with `outputs[]` links;
 * outputs downloaded from a separate file URL that needs no key. Errors are `{code, message}`.
 */
export async function startFakeWaveSpeed(apiKey: string, port = 0): Promise<FakeServer> {
  const jobs = new Map<string, { polls: number; seed: number; fail?: string; video: boolean }>();
  const models = new Set(Object.values(wavespeedPaths));
  const server = await startFakeServer((request, response) => {
    if (serveResultFile(request, response)) return;
    if (bearerOf(request) !== apiKey)
      return sendJson(response, 401, { code: 401, message: 'Invalid API key' });
    const poll = request.path.match(/^\/predictions\/([\w-]+)\/result$/);
    if (request.method === 'GET' && poll) {
      const job = jobs.get(poll[1] ?? '');
      if (!job) return sendJson(response, 404, { code: 404, message: 'prediction not found' });
      const status = job.polls++ < server.pendingPolls ? 'processing' : job.fail ? 'failed' : 'completed';
      return sendJson(response, 200, {
        code: 200,
        message: 'success',
        data: {
          id: poll[1],
          status,
          outputs:
            status === 'completed' ? [`${server.url}/files/${job.seed}.${job.video ? 'mp4' : 'png'}`] : [],
          error: status === 'failed' ? job.fail : ''
        }
      });
    }
    const model = request.path.slice(1);
    if (request.method !== 'POST' || !models.has(model))
      return sendJson(response, 404, { code: 404, message: `model ${model} not found` });
    const body = jsonOf(request);
    const avatar = model === wavespeedPaths['hunyuan-avatar'];
    // The avatar model speaks the audio it is given; a prompt only steers how, so it may be left out.
    if (avatar) {
      for (const field of ['image', 'audio'])
        if (typeof body[field] !== 'string' || !String(body[field]).startsWith('data:'))
          return sendJson(response, 400, { code: 400, message: `${field} is required` });
    } else if (typeof body.prompt !== 'string' || !body.prompt)
      return sendJson(response, 400, { code: 400, message: 'prompt is required' });
    if (typeof body.size === 'string' && body.size.split('*').some((side) => Number(side) > 1024)) {
      return sendJson(response, 400, { code: 400, message: `size ${body.size} exceeds 1024*1024` });
    }
    const id = randomUUID();
    jobs.set(id, {
      polls: 0,
      seed: Number(body.seed ?? 1),
      fail: /nsfw/i.test(String(body.prompt ?? '')) ? 'content flagged as nsfw' : undefined,
      video: avatar || model === wavespeedPaths['wan-2.5']
    });
    sendJson(response, 200, { code: 200, message: 'success', data: { id, status: 'created', outputs: [] } });
  }, port);
  return server;
}
