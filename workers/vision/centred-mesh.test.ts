import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { findFaces, type RawFace } from './detect';
import { nodeHuman } from './node-human';

const centreOf = ({ box: [x, y, width, height] }: RawFace) => ({ x: x + width / 2, y: y + height / 2 });
const holds = (face: RawFace, point: { x: number; y: number }) =>
  Math.abs(centreOf(face).x - point.x) < face.box[2] / 2 &&
  Math.abs(centreOf(face).y - point.y) < face.box[3] / 2;

describe('meshOnlyCentred (Human as the hosts load it)', () => {
  it("runs the face mesh on the find at the check's centre only, which comes out as with the mesh on every find", async () => {
    const human = await nodeHuman();
    const { data, info } = await sharp('tests/fixtures/group/group-14.jpg')
      .resize(900)
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const view = { data: new Uint8Array(data), width: info.width, height: info.height };

    const everyMesh = await findFaces(human, view, true);
    const meshed = everyMesh.filter((face) => (face.mesh ?? 0) > 0);
    expect(meshed.length).toBeGreaterThanOrEqual(5);
    for (const target of meshed.slice(0, 3)) {
      const centre = centreOf(target);
      const found = await findFaces(human, view, true, centre);
      // The find the check keeps — the one holding the centre — is the same, box, score and mesh score.
      expect(found.filter((face) => holds(face, centre))).toEqual(
        everyMesh.filter((face) => holds(face, centre))
      );
      // The others were found as before, but the mesh did not run on them.
      expect(found.length).toBe(everyMesh.length);
      expect(found.filter((face) => (face.mesh ?? 0) > 0).length).toBeLessThan(meshed.length);
    }
    // Without a centre, and after a check, every find gets the mesh again.
    expect(await findFaces(human, view, true)).toEqual(everyMesh);
  });
});
