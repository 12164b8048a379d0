import { afterEach, describe, expect, it } from 'vitest';
import { AiOperationSchema, type AiOperationInput } from '../../src/lib/core/operations';
import { findModel } from '../../src/lib/core/operations/models';
import { preflight } from '../../src/lib/core/operations/preflight';
import { batchSeeds } from '../../src/lib/core/operations/seeds';
import { failureOf } from '../testing/fakes/contract';
import { startFakeGemini } from '../testing/fakes/gemini';
import { startFakeHuggingFace } from '../testing/fakes/huggingface';
import { startFakeQwen } from '../testing/fakes/qwen';
import { jsonOf, type FakeServer } from '../testing/fakes/server';
import { startFakeStability } from '../testing/fakes/stability';
import { startFakeWaveSpeed } from '../testing/fakes/wavespeed';
import { runToResult } from './execute';
import { geminiEnhancer } from './gemini/adapter';
import { huggingfaceAdapter } from './huggingface/adapter';
import { qwenAdapter } from './qwen/adapter';
import { stabilityAdapter } from './stability/adapter';
import type { AdapterConfig, ProviderAdapter, RunRequest } from './types';
import { wavespeedAdapter } from './wavespeed/adapter';

/**
 * One test per mismatch issue 21 found between our requests and the providers' documentation. Each runs against
 * the fake that enforces the documented contract, so it failed on the request we used to send.
 */
const KEY = 'mismatch-key-42';
let fake: FakeServer | undefined;
afterEach(() => fake?.close());

const config = (url: string): AdapterConfig => ({
  apiKey: KEY,
  baseUrl: url,
  timeoutMs: 3_000,
  retry: { attempts: 1, baseDelayMs: 5, maxDelayMs: 50 },
  pollIntervalMs: 5,
  resultHosts: { hosts: [], origins: [url] }
});
const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' });
const image = (part: string) => ({ part, format: 'png', width: 512, height: 512, bytes: 4 }) as const;
const run = (adapter: ProviderAdapter, request: RunRequest) =>
  runToResult(adapter, request, new AbortController().signal, 5_000);
const parse = (input: AiOperationInput) => AiOperationSchema.parse(input);
const issuesOf = (input: AiOperationInput) => {
  const op = parse(input);
  return preflight(op, findModel(op.provider, op.model));
};

describe('WaveSpeed edit models get the image field their schema documents', () => {
  const edit = (model: string, references = 0) =>
    parse({
      operation: 'edit.general',
      provider: 'wavespeed',
      model,
      prompt: 'make the sky violet',
      image: image('a'),
      references: Array.from({ length: references }, (_, index) => image(`r${index}`))
    });
  const files = new Map([
    ['a', png],
    ['r0', png]
  ]);

  it('flux-kontext-pro edit is sent one `image`, not `images[]`', async () => {
    fake = await startFakeWaveSpeed(KEY);
    await run(wavespeedAdapter(config(fake.url)), { op: edit('flux-kontext-pro-edit'), files });
    const body = jsonOf(fake.requests[0]!);
    expect(fake.requests[0]?.path).toBe('/wavespeed-ai/flux-kontext-pro');
    expect(body.image).toBe('data:image/png;base64,iVBORw==');
    expect(body).not.toHaveProperty('images');
  });

  it('qwen-image/edit is a single-image model: one `image`, and its seed', async () => {
    fake = await startFakeWaveSpeed(KEY);
    await run(wavespeedAdapter(config(fake.url)), { op: edit('qwen-edit'), seed: 12, files });
    const body = jsonOf(fake.requests[0]!);
    expect(body).toMatchObject({ image: 'data:image/png;base64,iVBORw==', seed: 12 });
    expect(body).not.toHaveProperty('images');
  });

  it('seedream-v4.5 edit keeps `images[]`, the reference included', async () => {
    fake = await startFakeWaveSpeed(KEY);
    await run(wavespeedAdapter(config(fake.url)), { op: edit('seedream-v4.5-edit', 1), files });
    const body = jsonOf(fake.requests[0]!) as { images: string[] };
    expect(body.images).toHaveLength(2);
    expect(body).not.toHaveProperty('image');
  });

  it('pre-flight refuses references for a single-image model, naming its rule', () => {
    expect(issuesOf({ ...edit('qwen-edit', 1) })).toEqual([
      { field: 'references', message: 'Qwen Edit edits one image and takes no reference images.' }
    ]);
  });
});

describe('masks go only to models that take them', () => {
  it('pre-flight refuses a mask for every WaveSpeed edit model, saying the model ignores masks', () => {
    for (const model of ['qwen-edit', 'seedream-v4.5-edit', 'flux-kontext-pro-edit']) {
      const issues = issuesOf({
        operation: 'edit.general',
        provider: 'wavespeed',
        model,
        prompt: 'a sunflower',
        image: image('a'),
        mask: image('m')
      });
      expect(issues.map((issue) => issue.field)).toEqual(['mask']);
      expect(issues[0]?.message).toMatch(/ignores masks: it edits the whole image from the prompt/);
    }
  });

  it('Stability inpaint takes the mask', () => {
    expect(
      issuesOf({
        operation: 'edit.inpaint',
        provider: 'stability',
        model: 'inpaint',
        prompt: 'a sunflower',
        image: image('a'),
        mask: image('m')
      })
    ).toEqual([]);
    expect(findModel('stability', 'inpaint')?.mask).toBe(true);
    expect(findModel('wavespeed', 'qwen-edit')?.mask).toBe(false);
  });

  it('the adapter never sends mask_image: the fake refuses it as a parameter qwen-image/edit does not take', async () => {
    fake = await startFakeWaveSpeed(KEY);
    const response = await fetch(`${fake.url}/wavespeed-ai/qwen-image/edit`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        prompt: 'x',
        image: 'data:image/png;base64,iVBORw==',
        mask_image: 'data:image/png;base64,iVBORw=='
      })
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('mask_image: not a parameter of qwen-edit');
    const op = parse({
      operation: 'edit.general',
      provider: 'wavespeed',
      model: 'qwen-edit',
      prompt: 'x',
      image: image('a'),
      mask: image('m')
    });
    await run(wavespeedAdapter(config(fake.url)), {
      op,
      files: new Map([
        ['a', png],
        ['m', png]
      ])
    });
    expect(jsonOf(fake.requests[1]!)).not.toHaveProperty('mask_image');
  });
});

describe('conservative and creative upscale require a prompt', () => {
  for (const [operation, model] of [
    ['upscale.conservative', 'conservative'],
    ['upscale.creative', 'creative']
  ] as const) {
    it(`${model}: the schema refuses a missing prompt, the fake refuses it as Stability does`, async () => {
      const result = AiOperationSchema.safeParse({
        operation,
        provider: 'stability',
        model,
        image: image('a')
      });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(['prompt']);
      fake = await startFakeStability(KEY);
      const form = new FormData();
      form.append('image', png, 'a.png');
      const response = await fetch(`${fake.url}/v2beta/stable-image/upscale/${model}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}` },
        body: form
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { errors: string[] }).errors).toContain('prompt: required');
    });
  }
});

describe('seeds stay in each model’s range', () => {
  it('pre-flight holds a seed to the model’s documented range', () => {
    const generate = (provider: 'qwen' | 'stability', model: string, seed: number) =>
      issuesOf({ operation: 'generate', provider, model, prompt: 'a kite', seed });
    expect(generate('qwen', 'qwen-image', 2_147_483_648)).toEqual([
      { field: 'seed', message: 'Qwen Image (DashScope) takes seeds 0–2,147,483,647.' }
    ]);
    expect(generate('stability', 'core', 4_000_000_000)).toEqual([]);
    expect(findModel('qwen', 'qwen-image')?.seed).toEqual({ min: 0, max: 2_147_483_647 });
  });

  it('a batch starting near the top moves down as one block instead of crossing it', () => {
    expect(batchSeeds(2_147_483_646, 4, { min: 0, max: 2_147_483_647 })).toEqual([
      2_147_483_644, 2_147_483_645, 2_147_483_646, 2_147_483_647
    ]);
    expect(batchSeeds(7, 3, { min: 0, max: 2_147_483_647 })).toEqual([7, 8, 9]);
  });

  it('DashScope refuses a seed above 2³¹−1 (what `seed + i` used to send)', async () => {
    fake = await startFakeQwen(KEY);
    const op = parse({ operation: 'generate', provider: 'qwen', model: 'qwen-image', prompt: 'a kite' });
    const error = await failureOf(
      run(qwenAdapter(config(fake.url)), {
        op,
        size: { width: 1328, height: 1328 },
        seed: 2_147_483_648,
        files: new Map()
      })
    );
    expect(error?.message).toContain('parameters.seed: must be between 0 and 2147483647');
  });
});

describe('the Gemini prompt enhancer on a thinking model', () => {
  it('turns thinking off, so the answer budget is spent on the answer', async () => {
    fake = await startFakeGemini(KEY);
    const rewrite = await geminiEnhancer(config(fake.url))(
      'a red bicycle',
      undefined,
      new AbortController().signal
    );
    expect(rewrite).toMatch(/^a red bicycle, soft golden-hour light/);
    expect(jsonOf(fake.requests[0]!)).toMatchObject({
      generationConfig: { thinkingConfig: { thinkingBudget: 0 } }
    });
  });

  it('says the model ran out of room when the answer comes back empty with MAX_TOKENS', async () => {
    fake = await startFakeGemini(KEY);
    fake.failNext({
      status: 200,
      body: { candidates: [{ content: { role: 'model' }, finishReason: 'MAX_TOKENS' }] }
    });
    const error = await failureOf(
      geminiEnhancer(config(fake.url))('a red bicycle', undefined, new AbortController().signal)
    );
    expect(error?.message).toContain('finishReason MAX_TOKENS');
  });
});

describe('DashScope parameters where the documentation puts them', () => {
  it('sends negative_prompt in parameters, beside size, n, prompt_extend and watermark', async () => {
    fake = await startFakeQwen(KEY);
    const op = parse({
      operation: 'generate',
      provider: 'qwen',
      model: 'qwen-image',
      prompt: 'a lantern',
      negativePrompt: 'blurry'
    });
    await run(qwenAdapter(config(fake.url)), {
      op,
      size: { width: 1328, height: 1328 },
      seed: 5,
      files: new Map()
    });
    const body = jsonOf(fake.requests[0]!) as { input: object; parameters: object };
    expect(body.input).toEqual({ prompt: 'a lantern' });
    expect(body.parameters).toMatchObject({ negative_prompt: 'blurry', size: '1328*1328', n: 1, seed: 5 });
  });
});

describe('Stability content filtering and output formats', () => {
  it('a 200 with finish-reason CONTENT_FILTERED is "filtered by the provider", not a saved image', async () => {
    fake = await startFakeStability(KEY);
    const op = parse({
      operation: 'generate',
      provider: 'stability',
      model: 'core',
      prompt: 'filtered beach'
    });
    const error = await failureOf(run(stabilityAdapter(config(fake.url)), { op, files: new Map() }));
    expect(error?.code).toBe('content_filtered');
    expect(error?.message).toContain('filtered by the provider');
  });

  it('SD3 and SD3.5 answer jpeg or png only: pre-flight and the fake both refuse webp', async () => {
    const issues = issuesOf({
      operation: 'generate',
      provider: 'stability',
      model: 'sd3.5-large',
      prompt: 'a kite',
      outputFormat: 'webp'
    });
    expect(issues).toEqual([{ field: 'outputFormat', message: 'SD 3.5 Large answers PNG or JPEG only.' }]);
    expect(
      issuesOf({
        operation: 'generate',
        provider: 'stability',
        model: 'core',
        prompt: 'a kite',
        outputFormat: 'webp'
      })
    ).toEqual([]);
    fake = await startFakeStability(KEY);
    const form = new FormData();
    form.append('prompt', 'a kite');
    form.append('model', 'sd3.5-large');
    form.append('output_format', 'webp');
    const response = await fetch(`${fake.url}/v2beta/stable-image/generate/sd3`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}` },
      body: form
    });
    expect(response.status).toBe(400);
  });

  it('style-transfer takes no style preset: pre-flight refuses one before anything is sent', () => {
    const issues = issuesOf({
      operation: 'control.style-transfer',
      provider: 'stability',
      model: 'style-transfer',
      image: image('a'),
      styleImage: image('s'),
      stylePreset: 'anime'
    });
    expect(issues).toEqual([{ field: 'stylePreset', message: 'Style transfer has no style presets.' }]);
  });
});

describe('Hugging Face: a model the hf-inference provider does not serve', () => {
  it('is reported as such, with what to do, instead of a generic refusal', async () => {
    fake = await startFakeHuggingFace(KEY);
    const op = parse({
      operation: 'generate',
      provider: 'huggingface',
      model: 'stabilityai/stable-diffusion-2-1',
      prompt: 'a boat'
    });
    const error = await failureOf(run(huggingfaceAdapter(config(fake.url)), { op, files: new Map() }));
    expect(error?.code).toBe('rejected');
    expect(error?.message).toMatch(/does not serve stabilityai\/stable-diffusion-2-1 .*choose another model/);
  });
});

describe('documented non-happy answers', () => {
  it('insufficient credit is refused with the provider’s own words, not retried', async () => {
    fake = await startFakeStability(KEY);
    const op = parse({
      operation: 'generate',
      provider: 'stability',
      model: 'core',
      prompt: 'no credit left'
    });
    const error = await failureOf(run(stabilityAdapter(config(fake.url)), { op, files: new Map() }));
    expect(error?.code).toBe('rejected');
    expect(error?.message).toContain('lack sufficient credits');
    expect(fake.requests).toHaveLength(1);
  });

  it('a moderation refusal at submit (DashScope input inspection) names the reason', async () => {
    fake = await startFakeQwen(KEY);
    const op = parse({
      operation: 'generate',
      provider: 'qwen',
      model: 'qwen-image',
      prompt: 'forbidden thing'
    });
    const error = await failureOf(
      run(qwenAdapter(config(fake.url)), { op, size: { width: 1328, height: 1328 }, files: new Map() })
    );
    expect(error?.message).toContain('DataInspectionFailed');
  });

  it('an expired result link fails the job instead of saving an error page', async () => {
    fake = await startFakeWaveSpeed(KEY);
    const op = parse({
      operation: 'generate',
      provider: 'wavespeed',
      model: 'qwen-image',
      prompt: 'expire soon'
    });
    const error = await failureOf(
      run(wavespeedAdapter(config(fake.url)), { op, size: { width: 512, height: 512 }, files: new Map() })
    );
    // The download (h19a's fetchResult) refuses the 403 from the expired link: no error page becomes a result.
    expect(error).toBeInstanceOf(Error);
    expect(fake.requests.at(-1)?.path).toMatch(/^\/files\/expired\//);
  });

  it('a rate limit with a Retry-After beyond the cap fails at once as rate_limited', async () => {
    fake = await startFakeWaveSpeed(KEY);
    fake.failNext({
      status: 429,
      headers: { 'retry-after': '120' },
      body: { code: 429, message: 'Too many requests' }
    });
    const op = parse({ operation: 'generate', provider: 'wavespeed', model: 'qwen-image', prompt: 'a kite' });
    const error = await failureOf(run(wavespeedAdapter(config(fake.url)), { op, files: new Map() }));
    expect(error?.code).toBe('rate_limited');
    expect(error?.retryAfterSeconds).toBe(120);
  });
});
