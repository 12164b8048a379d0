import { describe, expect, it } from 'vitest';
import { GlbError, readGlb } from './glb';

/** A GLB container around the given JSON and optional BIN chunk, with the header's length as given. */
function container(json: unknown, bin?: Uint8Array, declaredLength?: number): Uint8Array {
  const text = new TextEncoder().encode(typeof json === 'string' ? json : JSON.stringify(json));
  const jsonLength = (text.length + 3) & ~3;
  const binLength = bin ? (bin.length + 3) & ~3 : 0;
  const total = 20 + jsonLength + (bin ? 8 + binLength : 0);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x46546c67, true);
  view.setUint32(4, 2, true);
  view.setUint32(8, declaredLength ?? total, true);
  view.setUint32(12, jsonLength, true);
  view.setUint32(16, 0x4e4f534a, true);
  bytes.fill(0x20, 20, 20 + jsonLength);
  bytes.set(text, 20);
  if (bin) {
    view.setUint32(20 + jsonLength, binLength, true);
    view.setUint32(24 + jsonLength, 0x004e4942, true);
    bytes.set(bin, 28 + jsonLength);
  }
  return bytes;
}

const problemOf = (bytes: Uint8Array) => {
  try {
    readGlb(bytes);
  } catch (error) {
    return error instanceof GlbError ? [error.problem, error.message] : ['other', String(error)];
  }
  return ['none', ''];
};

describe('readGlb', () => {
  it('returns the scene description and the binary chunk of a well-formed GLB', () => {
    const bin = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    const glb = readGlb(container({ asset: { version: '2.0' }, meshes: [{}] }, bin));
    expect(glb.json).toEqual({ asset: { version: '2.0' }, meshes: [{}] });
    expect([...(glb.bin ?? [])]).toEqual([...bin]);
  });

  it('reads a GLB that sits inside a larger buffer at an offset', () => {
    const inner = container({ asset: { version: '2.0' } });
    const outer = new Uint8Array(inner.length + 7);
    outer.set(inner, 7);
    expect(readGlb(outer.subarray(7)).json.asset?.version).toBe('2.0');
  });

  it('refuses bytes that are not a GLB, naming why', () => {
    expect(problemOf(new TextEncoder().encode('this is not a 3D model at all'))).toEqual([
      'not_glb',
      'This file is not a GLB 3D model (it does not start with "glTF").'
    ]);
    expect(problemOf(new Uint8Array([0x67, 0x6c]))[0]).toBe('not_glb');
  });

  it('refuses a header that promises more bytes than the file has, and a chunk that runs past the end', () => {
    const whole = container({ asset: { version: '2.0' } });
    expect(problemOf(whole.subarray(0, whole.length - 4))[0]).toBe('truncated');
    const bytes = container({ asset: { version: '2.0' } });
    new DataView(bytes.buffer).setUint32(12, 4096, true);
    expect(problemOf(bytes)[0]).toBe('truncated');
    // Only the header: what the fake upstream used to send.
    expect(problemOf(new Uint8Array([0x67, 0x6c, 0x54, 0x46, 2, 0, 0, 0, 12, 0, 0, 0]))[0]).toBe('truncated');
  });

  it('refuses glTF 1 and a JSON chunk that is not JSON', () => {
    const old = container({ asset: { version: '1.0' } });
    new DataView(old.buffer).setUint32(4, 1, true);
    expect(problemOf(old)).toEqual([
      'unsupported_version',
      'This is a glTF 1 model; only glTF 2 can be shown.'
    ]);
    expect(problemOf(container('{"asset": ')).slice(0, 1)).toEqual(['not_glb']);
  });

  it('names the compression a model needs a decoder for, once each', () => {
    const draco = container({
      asset: { version: '2.0' },
      extensionsRequired: ['KHR_draco_mesh_compression', 'KHR_materials_unlit', 'KHR_texture_basisu']
    });
    expect(problemOf(draco)).toEqual([
      'needs_decoder',
      'This model uses Draco mesh compression and KTX2 (Basis) textures, which the viewer cannot decode. Download it to open it in a 3D app.'
    ]);
    const meshopt = container({
      asset: { version: '2.0' },
      extensionsRequired: ['EXT_meshopt_compression', 'KHR_meshopt_compression']
    });
    expect(problemOf(meshopt)[1]).toMatch(/^This model uses meshopt compression, which/);
    expect(
      problemOf(container({ asset: { version: '2.0' }, extensionsRequired: ['KHR_materials_unlit'] }))[0]
    ).toBe('none');
  });

  it('refuses a model that points at files outside itself, but takes embedded data URIs', () => {
    const linked = container({
      asset: { version: '2.0' },
      buffers: [{ byteLength: 8, uri: 'https://example.com/mesh.bin' }],
      images: [{ uri: 'texture.png' }, { uri: 'data:image/png;base64,AAAA' }]
    });
    expect(problemOf(linked)).toEqual([
      'external_files',
      'This model refers to 2 files outside itself; only self-contained GLB files can be shown.'
    ]);
    const embedded = container({
      asset: { version: '2.0' },
      buffers: [{ byteLength: 4, uri: 'data:application/octet-stream;base64,AAAAAA==' }],
      images: [{ bufferView: 0 }]
    });
    expect(problemOf(embedded)[0]).toBe('none');
  });
});
