import { randomUUID } from 'node:crypto';
import { bearerOf, serveResultFile, jsonOf, sendJson, startFakeServer, type FakeServer } from './server';

/**
 * DashScope's async text-to-image contract: POST with `X-DashScope-Async: enable` → `{output:{task_id,
 * task_status:"PENDING"}, request_id}`; GET /api/v1/tasks/{id} → PENDING/RUNNING/SUCCEEDED/FAILED with
 * `results[{url}]`; errors `{code, message, request_id}`. Synchronous calls are refused, as upstream does.
 */
export async function startFakeQwen(apiKey: string, port = 0): Promise<FakeServer> {
  const tasks = new Map<string, { polls: number; seed: number; fail: boolean }>();
  const server = await startFakeServer((request, response) => {
    if (serveResultFile(request, response)) return;
    const requestId = randomUUID();
    if (bearerOf(request) !== apiKey)
      return sendJson(response, 401, {
        code: 'InvalidApiKey',
        message: 'Invalid API-key provided.',
        request_id: requestId
      });
    const task = request.path.match(/^\/api\/v1\/tasks\/([\w-]+)$/);
    if (request.method === 'GET' && task) {
      const found = tasks.get(task[1] ?? '');
      if (!found)
        return sendJson(response, 200, {
          request_id: requestId,
          output: { task_id: task[1], task_status: 'UNKNOWN' }
        });
      const status =
        found.polls++ < server.pendingPolls
          ? found.polls === 1
            ? 'PENDING'
            : 'RUNNING'
          : found.fail
            ? 'FAILED'
            : 'SUCCEEDED';
      return sendJson(response, 200, {
        request_id: requestId,
        output: {
          task_id: task[1],
          task_status: status,
          ...(status === 'SUCCEEDED' ? { results: [{ url: `${server.url}/files/${found.seed}.png` }] } : {}),
          ...(status === 'FAILED'
            ? { code: 'DataInspectionFailed', message: 'Output data may contain inappropriate content.' }
            : {})
        }
      });
    }
    if (request.method !== 'POST' || request.path !== '/api/v1/services/aigc/text2image/image-synthesis') {
      return sendJson(response, 404, { code: 'NotFound', message: 'Not found', request_id: requestId });
    }
    if (request.headers['x-dashscope-async'] !== 'enable') {
      return sendJson(response, 403, {
        code: 'AccessDenied',
        message: 'current user api does not support synchronous calls',
        request_id: requestId
      });
    }
    const body = jsonOf(request) as {
      input?: { prompt?: string };
      parameters?: { seed?: number; size?: string };
    };
    if (!body.input?.prompt)
      return sendJson(response, 400, {
        code: 'InvalidParameter',
        message: 'input.prompt is required',
        request_id: requestId
      });
    const id = randomUUID();
    tasks.set(id, { polls: 0, seed: body.parameters?.seed ?? 0, fail: /gore/i.test(body.input.prompt) });
    sendJson(response, 200, { request_id: requestId, output: { task_id: id, task_status: 'PENDING' } });
  }, port);
  return server;
}
