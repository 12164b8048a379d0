import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AiOperationSchema, type AiOperationInput } from '../../../src/lib/core/operations';
import { formOf, type FakeServer } from '../../testing/fakes/server';
import { runToResult } from '../execute';
import { ProviderError } from '../provider-error';
import type { AdapterConfig, RunRequest } from '../types';
import { stabilityAdapter } from './adapter';
import { startFakeStability } from '../../testing/fakes/stability';
import { resultBytes } from '../../testing/result-bytes';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeResult } from '../../ai/results';
import { filesystemStore } from '../../storage/blob-store';

const KEY = 'sk-fake-stability-0123456789';
let fake: FakeServer;
let config: AdapterConfig;

beforeEach(async () => {
  fake = await startFakeStability(KEY);
  config = {
    apiKey: KEY,
    baseUrl: fake.url,
    timeoutMs: 500,
    retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 200 },
    pollIntervalMs: 5,
    resultHosts: { hosts: [], origins: [] }
  };
});
afterEach(() => fake.close());

const request = (input: AiOperationInput, extra: Partial<RunRequest> = {}): RunRequest => ({
  op: AiOperationSchema.parse(input),
  files: new Map(),
  ...extra
});
const generate = request(
  {
    operation: 'generate',
    provider: 'stability',
    model: 'core',
    prompt: 'a red fox',
    negativePrompt: 'blur',
    stylePreset: 'photographic'
  },
  { size: { width: 1216, height: 832, aspectRatio: '3:2' }, seed: 42 }
);
const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' });
const image = { part: 'photo', format: 'png', width: 512, height: 512, bytes: 4 } as const;
const run = (req: RunRequest, signal = new AbortController().signal) =>
  runToResult(stabilityAdapter(config), req, signal, 2_000);
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as ProviderError
  );

describe('Stability adapter against the fake v2beta upstream', () => {
  it('posts multipart with the key, the fields in Stability’s names, and returns the image with its seed', async () => {
    const result = await run(generate);
    expect(result.contentType).toBe('image/png');
    expect(result.seed).toBe(42);
    expect([...(await resultBytes(result)).slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    expect(fake.requests).toHaveLength(1);
    const [sent] = fake.requests;
    expect(sent?.path).toBe('/v2beta/stable-image/generate/core');
    expect(sent?.headers.authorization).toBe(`Bearer ${KEY}`);
    const form = await formOf(sent!);
    expect(Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]))).toEqual({
      prompt: 'a red fox',
      negative_prompt: 'blur',
      style_preset: 'photographic',
      output_format: 'png',
      seed: '42',
      aspect_ratio: '3:2'
    });
  });

  it('sends SD3 models to /sd3 with model and cfg_scale', async () => {
    await run(
      request(
        { operation: 'generate', provider: 'stability', model: 'sd3.5-large', prompt: 'p', guidance: 6 },
        { size: { width: 1024, height: 1024, aspectRatio: '1:1' } }
      )
    );
    const form = await formOf(fake.requests[0]!);
    expect(fake.requests[0]?.path).toBe('/v2beta/stable-image/generate/sd3');
    expect([form.get('model'), form.get('cfg_scale')]).toEqual(['sd3.5-large', '6']);
  });

  it('polls a creative upscale on /v2beta/results/{id} through 202s until the image is ready', async () => {
    fake.pendingPolls = 3;
    const result = await run(
      request(
        { operation: 'upscale.creative', provider: 'stability', model: 'creative', image, prompt: 'sharper' },
        { files: new Map([['photo', png]]), seed: 7 }
      )
    );
    expect(result.seed).toBe(7);
    expect(fake.requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f]{32}/, 'ID')}`)).toEqual([
      'POST /v2beta/stable-image/upscale/creative',
      'GET /v2beta/results/ID',
      'GET /v2beta/results/ID',
      'GET /v2beta/results/ID',
      'GET /v2beta/results/ID'
    ]);
    const form = await formOf(fake.requests[0]!);
    expect(form.get('image')).toBeInstanceOf(Blob);
    expect(form.get('creativity')).toBe('0.3');
  });

  it('maps a 400 to "rejected" with the provider’s own message, without retrying', async () => {
    fake.failNext({
      status: 400,
      body: { id: 'x', name: 'bad_request', errors: ['aspect_ratio: must be one of 21:9, 16:9…'] }
    });
    const error = await failure(run(generate));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error?.code).toBe('rejected');
    expect(error?.message).toBe(
      'Stability AI: the request was refused (HTTP 400): aspect_ratio: must be one of 21:9, 16:9…'
    );
    expect(fake.requests).toHaveLength(1);
  });

  it('maps moderation to content_filtered', async () => {
    const error = await failure(
      run(
        request({
          operation: 'generate',
          provider: 'stability',
          model: 'core',
          prompt: 'something forbidden'
        })
      )
    );
    expect(error?.code).toBe('content_filtered');
  });

  it('maps a refused key to key_refused and never repeats the key the upstream echoed', async () => {
    config.apiKey = 'sk-wrong-key-abcdef';
    const error = await failure(run(generate));
    expect(error?.code).toBe('key_refused');
    expect(error?.message).not.toContain('sk-wrong-key-abcdef');
    expect(error?.message).toContain('[redacted]');
  });

  it('waits out a 429 Retry-After, then succeeds', async () => {
    fake.failNext({
      status: 429,
      headers: { 'retry-after': '0.05' },
      body: { name: 'rate_limit_exceeded', errors: ['slow down'] }
    });
    const started = Date.now();
    await run(generate);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(fake.requests).toHaveLength(2);
  });

  it('gives up at once when Retry-After is longer than the cap, and says how long to wait', async () => {
    fake.failNext({
      status: 429,
      headers: { 'retry-after': '60' },
      body: { name: 'rate_limit_exceeded', errors: ['slow down'] }
    });
    const error = await failure(run(generate));
    expect([error?.code, error?.retryAfterSeconds, fake.requests.length]).toEqual(['rate_limited', 60, 1]);
  });

  it('retries 5xx with backoff up to the cap, then reports the failure', async () => {
    fake.failNext({ status: 503, body: { name: 'internal_error', errors: ['overloaded'] } }, 5);
    const error = await failure(run(generate));
    expect(error?.code).toBe('upstream_failed');
    expect(error?.message).toMatch(/overloaded/);
    expect(fake.requests).toHaveLength(3);
  });

  it('recovers from one 500 while polling', async () => {
    fake.pendingPolls = 0;
    fake.failNext({ status: 500, body: { name: 'internal_error', errors: ['oops'] } }, 1, /results/);
    const result = await run(
      request(
        { operation: 'upscale.creative', provider: 'stability', model: 'creative', image },
        { files: new Map([['photo', png]]) }
      )
    );
    expect((await resultBytes(result)).length).toBeGreaterThan(50);
    expect(fake.requests).toHaveLength(3);
  });

  it('times out a hung connection and does not resend a POST that may have arrived', async () => {
    fake.failNext({ hang: true });
    const error = await failure(run(generate));
    expect(error?.code).toBe('timeout');
    expect(fake.requests).toHaveLength(1);
  });

  it('reports a result cut off mid-body instead of keeping half an image', async () => {
    fake.failNext({ cutBody: true });
    const result = await run(generate);
    const store = filesystemStore(mkdtempSync(join(tmpdir(), 'cut-')));
    const error = await failure(
      storeResult(store, 'cut', result.body, { provider: 'stability', kind: 'image', limit: 1_000_000 })
    );
    expect(error?.code).toBe('upstream_failed');
    expect(await store.get('cut')).toBeUndefined();
  });

  it('stops polling when cancelled', async () => {
    fake.pendingPolls = 1_000;
    const controller = new AbortController();
    const pending = failure(
      run(
        request(
          { operation: 'upscale.creative', provider: 'stability', model: 'creative', image },
          { files: new Map([['photo', png]]) }
        ),
        controller.signal
      )
    );
    await new Promise((resolve) => setTimeout(resolve, 40));
    controller.abort();
    const error = await pending;
    // A poll already on the wire when the abort came may still land; nothing may start after it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const count = fake.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(error?.code).toBe('cancelled');
    expect(fake.requests.length).toBe(count);
  });

  it('sends relight as subject_image and polls it, and 3D to stable-fast-3d asking for glTF', async () => {
    fake.pendingPolls = 1;
    const relight = await run(
      request(
        {
          operation: 'edit.relight',
          provider: 'stability',
          model: 'replace-background-and-relight',
          image,
          backgroundPrompt: 'a beach at dawn',
          lightSourceDirection: 'left'
        },
        { files: new Map([['photo', png]]) }
      )
    );
    expect(relight.contentType).toBe('image/png');
    const relightForm = await formOf(fake.requests[0]!);
    expect(relightForm.get('subject_image')).toBeInstanceOf(Blob);
    expect([
      relightForm.get('background_prompt'),
      relightForm.get('light_source_direction'),
      relightForm.get('preserve_original_subject')
    ]).toEqual(['a beach at dawn', 'left', '0.6']);
    const model = await run(
      request(
        {
          operation: 'transform.image-to-3d',
          provider: 'stability',
          model: 'stable-fast-3d',
          image,
          textureResolution: 2048
        },
        { files: new Map([['photo', png]]) }
      )
    );
    expect(model.contentType).toBe('model/gltf-binary');
    const sent = fake.requests.at(-1)!;
    expect([sent.path, sent.headers.accept]).toEqual(['/v2beta/3d/stable-fast-3d', 'model/gltf-binary']);
    const form = await formOf(sent);
    expect([form.get('texture_resolution'), form.get('foreground_ratio'), form.get('remesh')]).toEqual([
      '2048',
      '0.85',
      'none'
    ]);
  });
});
