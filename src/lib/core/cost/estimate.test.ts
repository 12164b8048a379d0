import { describe, expect, it } from 'vitest';
import { AiOperationSchema, type AiOperationInput } from '../operations';
import { modelCatalogue } from '../operations/models';
import { estimateCost, formatUsd } from './estimate';
import { costTable } from './table';

const estimate = (input: AiOperationInput) => estimateCost(AiOperationSchema.parse(input));
const image = { part: 'image', format: 'png', width: 1024, height: 1024, bytes: 500_000 } as const;

describe('cost table', () => {
  it('has a price for every model and operation the catalogue offers, and nothing else', () => {
    for (const spec of modelCatalogue) {
      for (const operation of spec.operations) {
        const rows = costTable.filter(
          (rate) => rate.provider === spec.provider && rate.model === spec.id && rate.operation === operation
        );
        expect(rows.length, `${spec.provider}/${spec.id}/${operation}`).toBeGreaterThan(0);
      }
    }
    for (const rate of costTable) {
      expect(modelCatalogue.some((spec) => spec.provider === rate.provider && spec.id === rate.model)).toBe(
        true
      );
    }
  });
});

describe('estimateCost', () => {
  it('prices generate per variation', () => {
    const one = estimate({ operation: 'generate', provider: 'stability', model: 'core', prompt: 'p' });
    const three = estimate({
      operation: 'generate',
      provider: 'stability',
      model: 'core',
      prompt: 'p',
      variations: 3
    });
    expect(one).toMatchObject({ unitMicros: 30_000, totalMicros: 30_000, credits: 3 });
    expect(three).toMatchObject({ totalMicros: 90_000, credits: 9, breakdown: '3 × $0.03' });
  });

  it('prices video by resolution and seconds, avatars by 5-second blocks with a minimum', () => {
    const video = estimate({
      operation: 'transform.image-to-video',
      provider: 'wavespeed',
      model: 'wan-2.5',
      image,
      prompt: 'p',
      resolution: '1080p',
      durationSeconds: 10
    });
    expect(video?.totalMicros).toBe(1_500_000);
    const avatar = (seconds: number) =>
      estimate({
        operation: 'transform.talking-avatar',
        provider: 'wavespeed',
        model: 'hunyuan-avatar',
        image,
        audio: { part: 'audio', format: 'mp3', bytes: 1000, seconds },
        resolution: '720p'
      });
    expect(avatar(2)?.totalMicros).toBe(300_000);
    expect(avatar(12)?.totalMicros).toBe(900_000);
  });

  it('answers undefined for a model it has no price for', () => {
    expect(
      estimate({ operation: 'generate', provider: 'stability', model: 'stability-core', prompt: 'p' })
    ).toBeUndefined();
  });

  it('formats dollars with enough digits to tell prices apart', () => {
    expect(formatUsd(30_000)).toBe('$0.03');
    expect(formatUsd(65_000)).toBe('$0.065');
    expect(formatUsd(1_500_000)).toBe('$1.50');
    expect(formatUsd(0)).toBe('$0.00');
  });
});
