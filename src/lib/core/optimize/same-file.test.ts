import { describe, expect, it } from 'vitest';
import type { ResolvedCrop } from '$core/crop/schema';
import { presetById } from '$core/platforms/select';
import type { PlatformPreset } from '$core/platforms/schema';
import { encodeSettings, forEveryRequest, sameFiles } from './same-file';
import { OutputRequestSchema, type OptimizedOutput, type OutputRequestInput } from './schema';

const preset = (id: string): PlatformPreset => {
  const found = presetById(id);
  if (!found) throw new Error(`missing ${id}`);
  return found;
};
const cut = (x: number): ResolvedCrop => ({
  crop: { x, y: 0, width: 3000, height: 3000 },
  placement: { x: 0, y: 0, width: 1080, height: 1080 },
  fit: 'cover',
  strategy: 'faces',
  warnings: []
});

describe('sameFiles', () => {
  it('groups the requests that make the same file, and only those', () => {
    const square = preset('instagram-square');
    const facebook = preset('facebook-square');
    const requests: OutputRequestInput[] = [
      { preset: square, resolved: cut(500), format: 'jpeg', quality: 85 },
      // Another platform's 1080×1080 with the same cut and settings: the same file.
      { preset: facebook, resolved: cut(500), format: 'jpeg', quality: 85 },
      { preset: facebook, resolved: cut(501), format: 'jpeg', quality: 85 },
      { preset: facebook, resolved: cut(500), format: 'jpeg', quality: 70 },
      { preset: facebook, resolved: cut(500), format: 'webp', quality: 85 },
      { preset: facebook, resolved: cut(500), format: 'jpeg', quality: 85, keepMetadata: true },
      { preset: facebook, resolved: { ...cut(500), strategy: 'centre' }, format: 'jpeg', quality: 85 },
      // Without the page's decision the worker chooses, from the preset's own safe area: never grouped.
      { preset: square, format: 'jpeg', quality: 85 },
      { preset: square, format: 'jpeg', quality: 85 },
      { preset: square, resolved: cut(500), format: 'jpeg', quality: 85 }
    ];
    expect(sameFiles(requests)).toEqual([0, 0, 2, 3, 4, 5, 6, 7, 8, 0]);
  });

  it('compares what the worker will use when the request leaves it to the preset', () => {
    const square = preset('instagram-square');
    const other: PlatformPreset = { ...square, id: 'other', maxBytes: (square.maxBytes ?? 8e6) / 2 };
    const requests = [
      { preset: square, resolved: cut(0) },
      { preset: other, resolved: cut(0) },
      { preset: { ...square, id: 'same' }, resolved: cut(0) }
    ];
    expect(sameFiles(requests)).toEqual([0, 1, 0]);
    const settings = encodeSettings(OutputRequestSchema.parse(requests[1]));
    expect(settings.maxBytes).toBe(other.maxBytes);
  });
});

describe('forEveryRequest', () => {
  it('gives each request the output of its group, with its own preset and its own bytes', () => {
    const requests = ['instagram-square', 'facebook-square', 'threads-square'].map((id) => ({
      preset: preset(id),
      resolved: cut(0)
    }));
    const output = (id: string, byte: number) =>
      ({ result: { preset: id }, bytes: new Uint8Array([byte, byte]) }) as unknown as OptimizedOutput;
    const made = [output('instagram-square', 1), output('threads-square', 3)];
    const outputs = forEveryRequest(requests, [0, 0, 2], made);
    expect(outputs.map(({ result, bytes }) => [result.preset, [...bytes]])).toEqual([
      ['instagram-square', [1, 1]],
      ['facebook-square', [1, 1]],
      ['threads-square', [3, 3]]
    ]);
    expect(outputs[1]!.bytes.buffer).not.toBe(outputs[0]!.bytes.buffer);
    expect(outputs[0]).toBe(made[0]);
  });
});
