import { randomUUID } from 'node:crypto';
import {
  bearerOf,
  contractAt,
  jsonOf,
  sendJson,
  serveResultFile,
  startFakeServer,
  violationsOf,
  type FakeServer
} from './server';

/**
 * WaveSpeed's v3 contract: `POST /{model path}` with JSON → `{code, message, data:{id, status:"created"}}`;
 * `GET /predictions/{id}/result` → data.status created/processing/completed/failed with `outputs[]` links;
 * outputs downloaded from a separate file URL that needs no key. Errors are `{code, message}`. Each submit is
 * checked against the model's contract (400 naming the field). Scripted answers: "nsfw" in the prompt fails the job
 * as flagged content, "no credit" gets 402 insufficient balance, "expire" links the output to an expired URL.
 */
export async function startFakeWaveSpeed(apiKey: string, port = 0): Promise<FakeServer> {
  const jobs = new Map<
    string,
    { polls: number; seed: number; fail?: string; video: boolean; expired: boolean }
  >();
  const server = await startFakeServer(async (request, response) => {
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
            status === 'completed'
              ? [
                  `${server.url}/files/${job.expired ? 'expired/' : ''}${job.seed}.${job.video ? 'mp4' : 'png'}`
                ]
              : [],
          error: status === 'failed' ? job.fail : ''
        }
      });
    }
    const contract = contractAt('wavespeed', request.path);
    if (request.method !== 'POST' || !contract)
      return sendJson(response, 404, { code: 404, message: `model ${request.path.slice(1)} not found` });
    const violations = await violationsOf(contract, request);
    if (violations.length)
      return sendJson(response, 400, {
        code: 400,
        message: violations.map((violation) => violation.message).join('; ')
      });
    const body = jsonOf(request);
    if (/no credit/i.test(String(body.prompt ?? '')))
      return sendJson(response, 402, { code: 402, message: 'Insufficient balance, please top up.' });
    const video = contract.model === 'wan-2.5' || contract.model === 'hunyuan-avatar';
    const id = randomUUID();
    jobs.set(id, {
      polls: 0,
      seed: Number(body.seed ?? 1),
      fail: /nsfw/i.test(String(body.prompt ?? '')) ? 'content flagged as nsfw' : undefined,
      video,
      expired: /expire/i.test(String(body.prompt ?? ''))
    });
    sendJson(response, 200, { code: 200, message: 'success', data: { id, status: 'created', outputs: [] } });
  }, port);
  return server;
}
