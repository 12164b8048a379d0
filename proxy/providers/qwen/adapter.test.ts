import { expect, it } from 'vitest';
import { GenerateOperationSchema } from '../../../src/lib/core/operations';
import { describeProviderContract, failureOf } from '../../testing/fakes/contract';
import { jsonOf } from '../../testing/fakes/server';
import { runToResult } from '../execute';
import { qwenAdapter } from './adapter';
import { startFakeQwen } from '../../testing/fakes/qwen';

const op = GenerateOperationSchema.parse({
  operation: 'generate',
  provider: 'qwen',
  model: 'qwen-image',
  prompt: 'a lantern'
});
const request = { op, size: { width: 1664, height: 928 }, seed: 11, files: new Map() };

describeProviderContract(
  {
    name: 'Qwen (DashScope)',
    key: 'sk-fake-dashscope-42',
    start: startFakeQwen,
    adapter: qwenAdapter,
    request,
    successRequests: 4,
    submitPath: /image-synthesis/,
    rejection: {
      body: { code: 'InvalidParameter', message: 'size 100*100 is not supported', request_id: 'r1' },
      message: 'InvalidParameter: size 100*100 is not supported'
    }
  },
  (context) => {
    it('submits an async task and polls PENDING → RUNNING → SUCCEEDED before downloading', async () => {
      const { fake, config } = context();
      fake.pendingPolls = 2;
      const result = await runToResult(qwenAdapter(config), request, new AbortController().signal, 2_000);
      expect(result.seed).toBe(11);
      expect(fake.requests[0]?.headers['x-dashscope-async']).toBe('enable');
      expect(jsonOf(fake.requests[0]!)).toMatchObject({
        model: 'qwen-image',
        input: { prompt: 'a lantern' },
        parameters: { size: '1664*928', n: 1, seed: 11 }
      });
      expect(fake.requests).toHaveLength(5);
    });

    it('reports a FAILED task with DashScope’s reason', async () => {
      const { config } = context();
      const error = await failureOf(
        runToResult(
          qwenAdapter(config),
          { ...request, op: { ...op, prompt: 'gore' } },
          new AbortController().signal,
          2_000
        )
      );
      expect(error?.code).toBe('rejected');
      expect(error?.message).toMatch(/DataInspectionFailed|inappropriate/);
    });
  }
);
