import { describe, expect, it } from 'vitest';
import { assetFileName, formatOfMime } from './file-name';

const batchOutput = {
  name: 'person-nicole.jpg · instagram-story',
  mime: 'image/jpeg',
  width: 1080,
  height: 1920,
  operation: 'optimize',
  params: { preset: 'instagram-story', batchId: 'b1' }
};

describe('assetFileName', () => {
  it('names a batch output after its photo, its preset and its size', () => {
    expect(assetFileName(batchOutput)).toBe('person-nicole_instagram-story_1080x1920.jpg');
  });

  it('gives three presets of one photo three names', () => {
    const names = ['linkedin-banner', 'instagram-story', 'youtube-thumbnail'].map((preset) =>
      assetFileName({ ...batchOutput, name: `person-nicole.jpg · ${preset}`, params: { preset } })
    );
    expect(new Set(names).size).toBe(3);
  });

  it('names an import as the original and a derived version by its operation', () => {
    const photo = { name: 'lexi.jpg', mime: 'image/jpeg', width: 4000, height: 3000, operation: 'import' };
    expect(assetFileName(photo)).toBe('lexi_original_4000x3000.jpg');
    expect(assetFileName({ ...photo, operation: 'web', mime: 'image/webp', width: 1080, height: 810 })).toBe(
      'lexi_web_1080x810.webp'
    );
  });

  it('keeps the extension of videos and 3D models', () => {
    const clip = { name: 'clip', mime: 'video/mp4', width: 720, height: 1280, operation: 'video' };
    expect(assetFileName(clip)).toBe('clip_video_720x1280.mp4');
    expect(formatOfMime('model/gltf-binary')).toBe('glb');
    expect(formatOfMime('image/svg+xml')).toBe('svg');
  });
});
