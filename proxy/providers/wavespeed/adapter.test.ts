import { expect, it } from 'vitest';
import { AiOperationSchema, GenerateOperationSchema } from '../../../src/lib/core/operations';
import { describeProviderContract, failureOf } from '../../testing/fakes/contract';
import { jsonOf } from '../../testing/fakes/server';
import { runToResult } from '../execute';
import { wavespeedAdapter } from './adapter';
import { startFakeWaveSpeed } from '../../testing/fakes/wavespeed';

const op = GenerateOperationSchema.parse({
  operation: 'generate',
  provider: 'wavespeed',
  model: 'qwen-image',
  prompt: 'a kite',
  guidance: 4,
  steps: 20
});

describeProviderContract(
  {
    name: 'WaveSpeed',
    key: 'ws-fake-key-5555',
    start: startFakeWaveSpeed,
    adapter: wavespeedAdapter,
    request: { op, size: { width: 1024, height: 576 }, seed: 9, files: new Map() },
    successRequests: 4,
    submitPath: /^\/wavespeed-ai/,
    rejection: { body: { code: 400, message: 'size must be W*H' }, message: 'size must be W*H' }
  },
  (context) => {
    it('submits JSON with size W*H, polls the prediction, downloads the output without the key', async () => {
      const { fake, config } = context();
      const result = await runToResult(
        wavespeedAdapter(config),
        { op, size: { width: 1024, height: 576 }, seed: 9, files: new Map() },
        new AbortController().signal,
        2_000
      );
      expect(result.seed).toBe(9);
      expect(jsonOf(fake.requests[0]!)).toMatchObject({
        prompt: 'a kite',
        size: '1024*576',
        seed: 9,
        guidance_scale: 4,
        num_inference_steps: 20
      });
      expect(fake.requests.map((r) => r.path.replace(/[0-9a-f-]{36}/, 'ID'))).toEqual([
        '/wavespeed-ai/qwen-image/text-to-image',
        '/predictions/ID/result',
        '/predictions/ID/result',
        '/files/9.png'
      ]);
      expect(fake.requests[3]?.headers.authorization).toBeUndefined();
    });

    it('sends an edit’s mask as mask_image, never as a second reference, and images as data URIs', async () => {
      const { fake, config } = context();
      const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' });
      const image = (part: string) => ({ part, format: 'png', width: 512, height: 512, bytes: 4 }) as const;
      const edit = AiOperationSchema.parse({
        operation: 'edit.general',
        provider: 'wavespeed',
        model: 'qwen-edit',
        prompt: 'make it blue',
        image: image('a'),
        mask: image('m'),
        references: [image('r')]
      });
      const files = new Map([
        ['a', png],
        ['m', png],
        ['r', png]
      ]);
      await runToResult(
        wavespeedAdapter(config),
        { op: edit, seed: 4, files },
        new AbortController().signal,
        2_000
      );
      expect(fake.requests[0]?.path).toBe('/wavespeed-ai/qwen-image/edit');
      const body = jsonOf(fake.requests[0]!) as { images: string[]; mask_image: string; seed: number };
      expect(body.images).toHaveLength(2);
      expect(body.images[0]).toBe('data:image/png;base64,iVBORw==');
      expect(body.mask_image).toBe('data:image/png;base64,iVBORw==');
    });

    it('sends a talking avatar’s image and script audio as data URIs, with no prompt when none is given', async () => {
      const { fake, config } = context();
      const avatar = AiOperationSchema.parse({
        operation: 'transform.talking-avatar',
        provider: 'wavespeed',
        model: 'hunyuan-avatar',
        image: { part: 'image', format: 'png', width: 512, height: 512, bytes: 4 },
        audio: { part: 'audio', format: 'wav', bytes: 4, seconds: 2 }
      });
      const files = new Map([
        ['image', new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' })],
        ['audio', new Blob([new TextEncoder().encode('RIFF')], { type: 'audio/wav' })]
      ]);
      const result = await runToResult(
        wavespeedAdapter(config),
        { op: avatar, seed: 3, files },
        new AbortController().signal,
        2_000
      );
      expect(result.contentType).toBe('video/mp4');
      expect(fake.requests[0]?.path).toBe('/wavespeed-ai/hunyuan-avatar');
      const body = jsonOf(fake.requests[0]!);
      expect(body).toMatchObject({
        image: 'data:image/png;base64,iVBORw==',
        audio: 'data:audio/wav;base64,UklGRg==',
        resolution: '480p'
      });
      expect(body).not.toHaveProperty('prompt');
    });

    it('the fake refuses a talking avatar without audio, and any other model without a prompt', async () => {
      const { fake, config } = context();
      const post = (path: string, body: unknown) =>
        fetch(`${fake.url}/${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${config.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(body)
        }).then(async (response) => [
          response.status,
          ((await response.json()) as { message: string }).message
        ]);
      const image = 'data:image/png;base64,iVBORw==';
      expect(await post('wavespeed-ai/hunyuan-avatar', { image })).toEqual([400, 'audio is required']);
      expect(await post('alibaba/wan-2.5/image-to-video', { image })).toEqual([400, 'prompt is required']);
    });

    it('reports a failed prediction with the provider’s reason', async () => {
      const { config } = context();
      const nsfw = { ...op, prompt: 'nsfw thing' };
      const error = await failureOf(
        runToResult(
          wavespeedAdapter(config),
          { op: nsfw, files: new Map() },
          new AbortController().signal,
          2_000
        )
      );
      expect(error?.message).toMatch(/content flagged as nsfw/);
    });
  }
);
