import 'fake-indexeddb/auto';
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioDatabase } from '$lib/db/database';
import { decodeRgb } from '$workers/image/image-ops';
import { useNodeMagickWasm } from '$workers/image/node-magick';
import { summarise } from '$workers/image/summary';
import { detectInPixels } from '$workers/vision/detect';
import { nodeHuman } from '$workers/vision/node-human';
import { makeThumbnail, tagAsset, type Analysers } from './analyse';
import { tinyMp4 } from '../../../proxy/testing/fakes/server';
import { Library } from './library';

const facesDir = 'tests/fixtures/faces';
const faceFixtures = readdirSync(facesDir).filter((name) => name.endsWith('.jpg'));

/** The same two looks the browser takes, with the Node builds of magick-wasm and Human. */
const nodeAnalysers: Analysers = {
  summarise: (bytes) => summarise(bytes),
  async detect(bytes) {
    const { pixels, source } = await decodeRgb(bytes, 1280);
    return detectInPixels(await nodeHuman(), pixels, { faces: true, objects: true }, source);
  }
};

const db = new StudioDatabase(`analyse-${crypto.randomUUID()}`);
const library = new Library(() => db);

beforeAll(() => useNodeMagickWasm());
afterAll(() => db.delete());

describe('on-device tagging (real magick-wasm and Human under Node)', () => {
  it.each(faceFixtures)(
    'tags %s with "person", its faces, orientation and colours',
    async (name) => {
      const blob = new Blob([readFileSync(`${facesDir}/${name}`)]);
      const { asset } = await library.save(blob, { name, source: 'import', prompt: 'team offsite portrait' });
      await tagAsset(library, asset.id, nodeAnalysers);
      const tags = await db.tags.where('assetId').equals(asset.id).toArray();
      const names = tags.map((tag) => tag.tag);
      expect(names).toContain('person');
      expect(names).toContain('faces');
      expect(names).toContain('offsite');
      expect(tags.some((tag) => tag.kind === 'orientation')).toBe(true);
      expect(tags.some((tag) => tag.kind === 'colour')).toBe(true);
      const tagged = await library.get(asset.id);
      expect(tagged?.faceCount).toBeGreaterThan(0);
      expect(tagged?.taggedAt).not.toBeNull();
    },
    60_000
  );

  it('knows which assets still need a thumbnail or tags, from index keys alone', async () => {
    const pendingDb = new StudioDatabase(`pending-${crypto.randomUUID()}`);
    const fresh = new Library(() => pendingDb);
    const a = (
      await fresh.save(new Blob([readFileSync(`${facesDir}/sample4-small.jpg`)]), {
        name: 'a',
        source: 'import'
      })
    ).asset;
    const b = (
      await fresh.save(new Blob([readFileSync('tests/fixtures/formats/photo.webp')]), {
        name: 'b',
        source: 'import'
      })
    ).asset;
    const c = (
      await fresh.save(new Blob([readFileSync('tests/fixtures/formats/alpha.png')]), {
        name: 'c',
        source: 'import'
      })
    ).asset;
    await fresh.trash.move([c.id]);
    expect((await fresh.tagging.needingThumbnails()).sort()).toEqual([a.id, b.id].sort());
    await tagAsset(fresh, a.id, nodeAnalysers);
    expect(await fresh.tagging.needingThumbnails()).toEqual([b.id]);
    expect(await fresh.tagging.needingTags()).toEqual([b.id]);
    await fresh.versions.derive(a.id, 'crop', {}, new Blob([readFileSync(`${facesDir}/sample1.jpg`)]));
    expect((await fresh.tagging.needingThumbnails()).sort()).toEqual([a.id, b.id].sort());
    expect((await fresh.tagging.needingTags()).sort()).toEqual([a.id, b.id].sort());
    await pendingDb.delete();
  }, 60_000);

  it('keeps the camera tag of the original on a derived version without EXIF', async () => {
    const { asset } = await library.save(new Blob([readFileSync('tests/fixtures/formats/with-gps.jpg')]), {
      name: 'with-gps.jpg',
      source: 'import'
    });
    await tagAsset(library, asset.id, nodeAnalysers);
    const kinds = async () =>
      (await db.tags.where('assetId').equals(asset.id).toArray())
        .filter((row) => row.kind === 'camera' || row.kind === 'date')
        .map((row) => row.tag)
        .sort();
    const original = await kinds();
    expect(original).toContain('testcam');
    await library.versions.derive(
      asset.id,
      'crop',
      {},
      new Blob([readFileSync('tests/fixtures/formats/alpha.png')])
    );
    await tagAsset(library, asset.id, nodeAnalysers);
    expect(await kinds()).toEqual(original);
  }, 60_000);

  it('remakes the thumbnail after a new version', async () => {
    const { asset } = await library.save(new Blob([readFileSync(`${facesDir}/sample1.jpg`)]), {
      name: 'a',
      source: 'import'
    });
    const first = await makeThumbnail(library, asset.id, nodeAnalysers);
    const version = await library.versions.derive(
      asset.id,
      'crop',
      { square: true },
      new Blob([readFileSync('tests/fixtures/formats/photo.webp')])
    );
    await tagAsset(library, asset.id, nodeAnalysers);
    const second = await library.tagging.thumbnail(asset.id);
    expect(first?.versionId).toBe(asset.currentVersionId);
    expect(second?.versionId).toBe(version.id);
    const bytes = async (blob?: Blob) => new Uint8Array((await blob?.arrayBuffer()) ?? new ArrayBuffer(0));
    expect(await bytes(second?.blob)).not.toEqual(await bytes(first?.blob));
  }, 60_000);

  it('leaves an image whose current version became a video (a Transform result) out of thumbnails and tags', async () => {
    const { asset } = await library.save(new Blob([readFileSync('tests/fixtures/formats/grayscale.jpg')]), {
      name: 'to-video',
      source: 'import'
    });
    expect(await library.tagging.needingThumbnails()).toContain(asset.id);
    expect(await library.tagging.needingTags()).toContain(asset.id);
    await library.versions.derive(
      asset.id,
      'transform.image-to-video',
      { prompt: 'waves' },
      new Blob([new Uint8Array(tinyMp4(2))]),
      {
        width: 1280,
        height: 720
      }
    );
    expect((await library.get(asset.id))?.mime).toBe('video/mp4');
    expect(await library.tagging.needingThumbnails()).not.toContain(asset.id);
    expect(await library.tagging.needingTags()).not.toContain(asset.id);
  });
});
