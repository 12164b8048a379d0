import { describe, expect, it } from 'vitest';
import { nodeHuman } from './node-human';

describe('shareIdentity (Human as the hosts load it)', () => {
  it('clones in the wasm heap without copying, and frees the block with its last tensor', async () => {
    const { tf } = await nodeHuman();
    expect(tf.getBackend()).toBe('wasm');
    const before = tf.memory().numDataBuffers;
    const original = tf.tensor3d(
      Float32Array.from({ length: 60 }, (_, i) => i / 7),
      [4, 5, 3]
    );
    const copy = original.clone();
    expect(tf.memory().numDataBuffers - before).toBe(1);
    original.dispose();
    expect(tf.memory().numDataBuffers - before).toBe(1);
    expect(Array.from(await copy.data())).toEqual(Array.from({ length: 60 }, (_, i) => Math.fround(i / 7)));
    expect(copy.shape).toEqual([4, 5, 3]);
    copy.dispose();
    expect(tf.memory().numDataBuffers).toBe(before);
  });

  it('still copies strings, which live outside the heap', async () => {
    const { tf } = await nodeHuman();
    const words = tf.tensor1d(['a', 'bc']);
    const copy = words.clone();
    words.dispose();
    expect(await copy.data()).toEqual(['a', 'bc']);
    copy.dispose();
  });
});
