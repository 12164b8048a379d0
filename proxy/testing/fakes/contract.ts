import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runToResult } from '../../providers/execute';
import type { ProviderError } from '../../providers/provider-error';
import type { AdapterConfig, ProviderAdapter, RunRequest } from '../../providers/types';
import { resultBytes } from '../result-bytes';
import type { FakeServer } from './server';

export interface ContractCase {
  name: string;
  key: string;
  start: (key: string) => Promise<FakeServer>;
  adapter: (config: AdapterConfig) => ProviderAdapter;
  request: RunRequest;
  /** Requests one successful run makes (submit, polls, download). */
  successRequests: number;
  /** The path every generation request goes to, for faults aimed at it. */
  submitPath: RegExp;
  /** A 400 body in the provider's own error shape, and the message we should surface from it. */
  rejection: { body: unknown; message: string };
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];

export const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as ProviderError
  );

/**
 * The contract every adapter keeps against its fake upstream: a real image back, the provider's error body in the
 * message, the key never repeated, 429/5xx retried within the cap, a hung connection timed out without resending,
 * and cancellation stopping all further requests.
 */
export function describeProviderContract(
  c: ContractCase,
  extra?: (context: () => { fake: FakeServer; config: AdapterConfig }) => void
) {
  describe(`${c.name} adapter contract against its fake upstream`, () => {
    let fake: FakeServer;
    let config: AdapterConfig;
    beforeEach(async () => {
      fake = await c.start(c.key);
      fake.pendingPolls = 1;
      config = {
        apiKey: c.key,
        baseUrl: fake.url,
        // Long enough for a first answer while the whole suite loads both cores (400 ms timed out in CI).
        timeoutMs: 2_500,
        retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 200 },
        pollIntervalMs: 5,
        resultHosts: { hosts: [], origins: [fake.url] }
      };
    });
    afterEach(() => fake.close());
    const run = (signal = new AbortController().signal) =>
      runToResult(c.adapter(config), c.request, signal, 10_000);

    it('returns the real image and makes exactly the documented requests', async () => {
      const result = await run();
      expect([...(await resultBytes(result)).slice(0, 4)]).toEqual(PNG_MAGIC);
      expect(result.contentType).toBe('image/png');
      expect(fake.requests).toHaveLength(c.successRequests);
    });

    it('reports a 400 as "rejected" in our words, the provider’s message only in the detail, no retry', async () => {
      fake.failNext({ status: 400, body: c.rejection.body }, 1, c.submitPath);
      const error = await failureOf(run());
      expect(error?.code).toBe('rejected');
      expect(error?.message).not.toContain(c.rejection.message);
      expect(error?.detail).toContain(c.rejection.message);
      expect(fake.requests).toHaveLength(1);
    });

    it('reports a refused key without repeating any key', async () => {
      config.apiKey = 'wrong-key-that-must-not-leak';
      const error = await failureOf(run());
      expect(error?.code).toBe('key_refused');
      expect(error?.message).not.toContain('wrong-key-that-must-not-leak');
      expect(error?.message).not.toContain(c.key);
    });

    it('retries a 429 after its Retry-After', async () => {
      fake.failNext(
        { status: 429, headers: { 'retry-after': '0' }, body: c.rejection.body },
        1,
        c.submitPath
      );
      await run();
      expect(fake.requests).toHaveLength(c.successRequests + 1);
    });

    it('retries 5xx up to the cap, then fails as upstream_failed', async () => {
      fake.failNext({ status: 502, body: 'Bad Gateway' }, 10, c.submitPath);
      const error = await failureOf(run());
      expect(error?.code).toBe('upstream_failed');
      expect(fake.requests).toHaveLength(3);
    });

    it('times out a hung connection without resending the POST', async () => {
      fake.failNext({ hang: true }, 1, c.submitPath);
      const error = await failureOf(run());
      expect(error?.code).toBe('timeout');
      expect(fake.requests).toHaveLength(1);
    });

    it('honours cancellation: no request after the abort', async () => {
      fake.failNext({ hang: true }, 1, c.submitPath);
      const controller = new AbortController();
      const pending = failureOf(run(controller.signal));
      await new Promise((resolve) => setTimeout(resolve, 30));
      controller.abort();
      const error = await pending;
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(error?.code).toBe('cancelled');
      expect(fake.requests).toHaveLength(1);
    });

    extra?.(() => ({ fake, config }));
  });
}
