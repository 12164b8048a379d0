import { Mesh, Triangle, Vector3, type BufferGeometry } from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { describe, expect, it } from 'vitest';
import { readGlb } from '../../../src/lib/core/model/glb';
import { cubeGlb } from './glb';

describe('cubeGlb', () => {
  it('is a GLB that three.js loads as one cube mesh with six coloured faces', async () => {
    const bytes = cubeGlb();
    expect(readGlb(bytes).bin?.length).toBeGreaterThan(0);
    const gltf = await new GLTFLoader().parseAsync(bytes.buffer, '');
    const meshes: Mesh[] = [];
    gltf.scene.traverse((object) => {
      if (object instanceof Mesh) meshes.push(object);
    });
    expect(meshes).toHaveLength(1);
    const geometry = meshes[0]?.geometry as BufferGeometry;
    expect(geometry.index?.count).toBe(36);
    geometry.computeBoundingBox();
    expect(geometry.boundingBox?.min.toArray()).toEqual([-0.5, -0.5, -0.5]);
    expect(geometry.boundingBox?.max.toArray()).toEqual([0.5, 0.5, 0.5]);
    const colours = geometry.getAttribute('color');
    const perFace = new Set(
      Array.from(
        { length: 6 },
        (_, face) => colours.getX(face * 4).toFixed(2) + colours.getY(face * 4).toFixed(2)
      )
    );
    expect(perFace.size).toBe(6);
    // Each triangle winds counter-clockwise seen from outside (it agrees with its normal), so it renders.
    const index = geometry.index;
    const corner = (i: number) => new Vector3().fromBufferAttribute(geometry.getAttribute('position'), i);
    for (let first = 0; first < 36; first += 3) {
      const [a, b, c] = [0, 1, 2].map((k) => index?.getX(first + k) ?? 0) as [number, number, number];
      const facing = new Triangle(corner(a), corner(b), corner(c)).getNormal(new Vector3());
      const stored = new Vector3().fromBufferAttribute(geometry.getAttribute('normal'), a);
      expect(facing.dot(stored)).toBeCloseTo(1);
    }
  });
});
