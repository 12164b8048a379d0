import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tinyMp4 } from '../../../../proxy/testing/fakes/server';
import { mediaLabel, sniffMedia } from './media';

describe('sniffMedia', () => {
  it('recognises MP4 video and binary glTF', () => {
    expect(sniffMedia(new Uint8Array(tinyMp4(7)))).toBe('video/mp4');
    expect(sniffMedia(new Uint8Array([0x67, 0x6c, 0x54, 0x46, 2, 0, 0, 0, 12, 0, 0, 0]))).toBe(
      'model/gltf-binary'
    );
  });

  it('leaves images (AVIF shares the MP4 box) and text alone', () => {
    expect(sniffMedia(new Uint8Array(readFileSync('tests/fixtures/formats/photo.avif')))).toBeUndefined();
    expect(sniffMedia(new TextEncoder().encode('hello world, not media'))).toBeUndefined();
  });
});

describe('mediaLabel', () => {
  it('names videos and models, and leaves images to their pixel facts', () => {
    expect(mediaLabel('video/mp4')).toBe('Video (MP4)');
    expect(mediaLabel('model/gltf-binary')).toBe('3D model (GLB)');
    expect(mediaLabel('image/jpeg')).toBeUndefined();
    expect(mediaLabel('image/svg+xml')).toBeUndefined();
  });
});
