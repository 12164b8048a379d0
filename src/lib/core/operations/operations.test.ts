import { describe, expect, it } from 'vitest';
import { AiOperationSchema, GenerateOperationSchema } from './index';

const image = { part: 'image', format: 'png', width: 1024, height: 768, bytes: 200_000 } as const;

describe('operation schemas', () => {
  it('fills generate defaults and keeps variations within 1–10', () => {
    const op = GenerateOperationSchema.parse({
      operation: 'generate',
      provider: 'stability',
      model: 'core',
      prompt: ' a fox '
    });
    expect(op).toMatchObject({
      prompt: 'a fox',
      width: 1024,
      height: 1024,
      variations: 1,
      outputFormat: 'png'
    });
    expect(GenerateOperationSchema.safeParse({ ...op, variations: 11 }).success).toBe(false);
    expect(GenerateOperationSchema.safeParse({ ...op, variations: 0 }).success).toBe(false);
  });

  it('refuses an empty prompt with a sentence for the form', () => {
    const result = GenerateOperationSchema.safeParse({
      operation: 'generate',
      provider: 'stability',
      model: 'core',
      prompt: '   '
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Write a prompt.');
  });

  it('asks for the talking avatar’s script audio in a sentence, and still checks the audio it is given', () => {
    const avatar = {
      operation: 'transform.talking-avatar',
      provider: 'wavespeed',
      model: 'hunyuan-avatar',
      image
    };
    const missing = AiOperationSchema.safeParse(avatar);
    expect(missing.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['audio', 'Add the script audio (MP3 or WAV) the avatar speaks.']
    ]);
    const wrong = AiOperationSchema.safeParse({
      ...avatar,
      audio: { part: 'audio', format: 'ogg', bytes: 10, seconds: 2 }
    });
    expect(wrong.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['audio.format']);
    const fine = AiOperationSchema.parse({
      ...avatar,
      audio: { part: 'audio', format: 'wav', bytes: 10, seconds: 2 }
    });
    expect(fine).toMatchObject({ resolution: '480p', audio: { seconds: 2 } });
  });

  it('routes each operation name to its own schema with its own defaults', () => {
    const relight = AiOperationSchema.parse({
      operation: 'edit.relight',
      provider: 'stability',
      model: 'replace-background-and-relight',
      image,
      backgroundPrompt: 'beach'
    });
    expect(relight).toMatchObject({ preserveOriginalSubject: 0.6, lightSourceStrength: 0.3 });
    const creative = AiOperationSchema.parse({
      operation: 'upscale.creative',
      provider: 'stability',
      model: 'creative',
      prompt: 'a harbour at dusk',
      image
    });
    expect(creative).toMatchObject({ creativity: 0.3 });
    const video = AiOperationSchema.parse({
      operation: 'transform.image-to-video',
      provider: 'wavespeed',
      model: 'wan-2.5',
      image,
      prompt: 'waves'
    });
    expect(video).toMatchObject({ resolution: '720p', durationSeconds: 5 });
  });

  it('keeps an explicit zero instead of replacing it with the default', () => {
    const op = AiOperationSchema.parse({
      operation: 'control.sketch',
      provider: 'stability',
      model: 'sketch',
      image,
      prompt: 'p',
      controlStrength: 0
    });
    expect(op).toMatchObject({ controlStrength: 0 });
  });

  it('refuses out-of-range parameters and relight with nothing to relight from', () => {
    expect(
      AiOperationSchema.safeParse({
        operation: 'upscale.conservative',
        provider: 'stability',
        model: 'conservative',
        image,
        creativity: 0.9
      }).success
    ).toBe(false);
    expect(
      AiOperationSchema.safeParse({
        operation: 'edit.relight',
        provider: 'stability',
        model: 'replace-background-and-relight',
        image
      }).success
    ).toBe(false);
    expect(
      AiOperationSchema.safeParse({
        operation: 'edit.outpaint',
        provider: 'stability',
        model: 'outpaint',
        image
      }).success
    ).toBe(false);
  });
});
