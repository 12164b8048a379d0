import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryError } from '$core/errors/library-error';
import { ImageError } from '$core/errors/image-error';
import { TRASH_RETENTION_MS } from '$core/library/meta';
import { StudioDatabase } from '$lib/db/database';
import { tinyMp4 } from '../../../proxy/testing/fakes/server';
import { Library } from './library';

const fixture = (path: string) =>
  new Blob([readFileSync(`tests/fixtures/${path}`)], { type: 'application/octet-stream' });
const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

let db: StudioDatabase;
let library: Library;

beforeEach(() => {
  db = new StudioDatabase(`library-${crypto.randomUUID()}`);
  library = new Library(() => db);
});
afterEach(async () => {
  await db.delete();
});

describe('library.save', () => {
  it('keeps the bytes, reads type and size from them, and logs the save', async () => {
    const { asset, version, existing } = await library.save(fixture('faces/sample1.jpg'), {
      name: 'sample1.jpg',
      source: 'import'
    });
    expect(existing).toBe(false);
    expect(asset).toMatchObject({ mime: 'image/jpeg', width: 1920, height: 1280, source: 'import' });
    expect(version).toMatchObject({ assetId: asset.id, parentId: null, operation: 'import' });
    expect(await bytesOf(await library.currentBlob(asset.id))).toEqual(
      await bytesOf(fixture('faces/sample1.jpg'))
    );
    expect(await db.usage.where('kind').equals('save').count()).toBe(1);
  });

  it('returns the existing asset for identical content and stores nothing twice', async () => {
    const first = await library.save(fixture('formats/alpha.png'), { name: 'a.png', source: 'import' });
    const second = await library.save(fixture('formats/alpha.png'), { name: 'copy.png', source: 'create' });
    expect(second.existing).toBe(true);
    expect(second.asset.id).toBe(first.asset.id);
    expect(second.asset.name).toBe('a.png');
    expect(await db.assets.count()).toBe(1);
    expect(await db.files.count()).toBe(1);
  });

  it('refuses bytes that are not an image, with the image error, and writes nothing', async () => {
    const text = new Blob(['hello, not an image at all']);
    await expect(library.save(text, { name: 'x.jpg', source: 'import' })).rejects.toBeInstanceOf(ImageError);
    expect(await db.assets.count()).toBe(0);
  });

  it.each([
    ['bad/truncated.jpg', /cut short/],
    ['bad/huge-header-no-data.png', /100,000×100,000 pixels/]
  ])('refuses %s as the Social Optimizer does, and writes nothing', async (path, reason) => {
    await expect(library.save(fixture(path), { name: path, source: 'import' })).rejects.toThrow(reason);
    expect(await db.assets.count()).toBe(0);
  });
});

describe('library.save of Transform results', () => {
  it('keeps an MP4 video with the size the studio gives, typed from its bytes', async () => {
    const video = new Blob([new Uint8Array(tinyMp4(3))]);
    const { asset } = await library.save(video, {
      name: 'clip.mp4',
      source: 'transform',
      operation: 'transform.image-to-video',
      width: 1280,
      height: 720
    });
    expect(asset).toMatchObject({ mime: 'video/mp4', width: 1280, height: 720, bytes: video.size });
    expect(await bytesOf(await library.currentBlob(asset.id))).toEqual(await bytesOf(video));
  });

  it('derives an MP4 as a new version of the source image, sized by the studio, and keeps the image before it', async () => {
    const image = fixture('faces/sample1.jpg');
    const { asset, version: original } = await library.save(image, { name: 'still.jpg', source: 'import' });
    const video = new Blob([new Uint8Array(tinyMp4(2))]);
    const made = await library.versions.derive(
      asset.id,
      'transform.image-to-video',
      { prompt: 'waves', jobId: 'j1' },
      video,
      {
        width: 1280,
        height: 720,
        module: 'transform'
      }
    );
    expect(made).toMatchObject({
      parentId: original.id,
      operation: 'transform.image-to-video',
      mime: 'video/mp4'
    });
    expect(await library.get(asset.id)).toMatchObject({
      currentVersionId: made.id,
      mime: 'video/mp4',
      width: 1280
    });
    expect(await bytesOf(await library.currentBlob(asset.id))).toEqual(await bytesOf(video));
    expect(await bytesOf(await library.versions.blob(original.id))).toEqual(await bytesOf(image));
  });
});

describe('lineage', () => {
  it('save → derive → derive gives a three-step lineage with each operation and its parameters', async () => {
    const { asset } = await library.save(fixture('faces/sample1.jpg'), { name: 's.jpg', source: 'import' });
    const resized = await library.versions.derive(
      asset.id,
      'resize',
      { width: 640, height: 640, fit: 'cover' },
      fixture('formats/photo.webp'),
      {
        module: 'social'
      }
    );
    const upscaled = await library.versions.derive(
      asset.id,
      'upscale',
      { factor: 4, mode: 'fast' },
      fixture('formats/alpha.png'),
      {
        module: 'upscale',
        provider: 'stability',
        cost: 0.02
      }
    );
    const versions = await library.versions.list(asset.id);
    expect(versions.map((version) => version.operation)).toEqual(['import', 'resize', 'upscale']);
    const [original] = versions;
    expect(resized.parentId).toBe(original?.id);
    expect(upscaled.parentId).toBe(resized.id);
    expect(upscaled.params).toEqual({ factor: 4, mode: 'fast' });
    const current = await library.get(asset.id);
    expect(current).toMatchObject({
      currentVersionId: upscaled.id,
      mime: 'image/png',
      width: 960,
      height: 640
    });
    const operations = await db.usage.where('kind').equals('operation').toArray();
    expect(operations.map((event) => [event.module, event.cost])).toEqual([
      ['social', undefined],
      ['upscale', 0.02]
    ]);
  });

  it('an export is a named version of the exported one, counted for its platform, and the photo stays current', async () => {
    const { asset, version } = await library.save(fixture('faces/sample1.jpg'), {
      name: 's.jpg',
      source: 'social'
    });
    const exported = await library.versions.addExport(
      asset.id,
      version.id,
      {
        label: 'Instagram square post · 1080×1080',
        operation: 'social-export',
        params: { preset: 'instagram-square', width: 1080, height: 1080 },
        platform: 'instagram',
        module: 'social',
        width: 1080,
        height: 1080
      },
      fixture('formats/photo.webp')
    );
    expect(exported).toMatchObject({
      parentId: version.id,
      label: 'Instagram square post · 1080×1080',
      params: { preset: 'instagram-square', width: 1080, height: 1080 },
      mime: 'image/webp'
    });
    expect((await library.get(asset.id))?.currentVersionId).toBe(version.id);
    expect(await bytesOf(await library.versions.blob(exported.id))).toEqual(
      await bytesOf(fixture('formats/photo.webp'))
    );
    const exports = await db.usage.where('kind').equals('export').toArray();
    expect(exports.map((event) => [event.module, event.platform])).toEqual([['social', 'instagram']]);
  });

  it('refuses an export whose parent version belongs to another asset', async () => {
    const first = await library.save(fixture('faces/sample1.jpg'), { name: 'a', source: 'social' });
    const second = await library.save(fixture('formats/photo.webp'), { name: 'b', source: 'social' });
    const input = {
      label: 'X post · 1600×900',
      operation: 'social-export',
      params: {},
      platform: 'x',
      module: 'social',
      width: 1600,
      height: 900
    };
    await expect(
      library.versions.addExport(first.asset.id, second.version.id, input, fixture('formats/alpha.png'))
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await db.usage.where('kind').equals('export').count()).toBe(0);
  });

  it('revert restores the original blob byte for byte, as a new version that keeps the history', async () => {
    const { asset, version } = await library.save(fixture('faces/sample4-small.jpg'), {
      name: 's',
      source: 'import'
    });
    await library.versions.derive(asset.id, 'resize', { width: 100 }, fixture('formats/photo.webp'));
    expect(await bytesOf(await library.currentBlob(asset.id))).toEqual(
      await bytesOf(fixture('formats/photo.webp'))
    );

    const reverted = await library.versions.revert(asset.id, version.id);
    expect(reverted).toMatchObject({ operation: 'revert', params: { to: version.id } });
    expect(await bytesOf(await library.currentBlob(asset.id))).toEqual(
      await bytesOf(fixture('faces/sample4-small.jpg'))
    );
    expect((await library.versions.list(asset.id)).length).toBe(3);
  });

  it('refuses to derive from an asset that does not exist', async () => {
    await expect(
      library.versions.derive('nope', 'resize', {}, fixture('formats/photo.webp'))
    ).rejects.toMatchObject({
      code: 'not_found'
    });
  });
});

describe('storage full', () => {
  it('turns a quota error inside the save transaction into a clear message, with nothing half-written', async () => {
    // The file row is written first; the version write then fails the way a full disk does.
    db.versions.hook('creating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const error = await library
      .save(fixture('faces/sample1.jpg'), { name: 'big.jpg', source: 'import' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(LibraryError);
    expect(error).toMatchObject({ code: 'quota_exceeded' });
    expect((error as Error).message).toMatch(/Storage is full: “big.jpg” was not saved/);
    expect(await db.files.count()).toBe(0);
    expect(await db.versions.count()).toBe(0);
    expect(await db.assets.count()).toBe(0);
    expect(await db.usage.count()).toBe(0);
  });

  it('leaves the asset on its previous version when a derive hits the quota', async () => {
    const { asset } = await library.save(fixture('faces/sample1.jpg'), { name: 's', source: 'import' });
    db.assets.hook('updating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await expect(
      library.versions.derive(asset.id, 'resize', {}, fixture('formats/photo.webp'))
    ).rejects.toMatchObject({
      code: 'quota_exceeded'
    });
    expect(await db.versions.count()).toBe(1);
    expect(await db.files.count()).toBe(1);
    expect((await library.get(asset.id))?.currentVersionId).toBe(asset.currentVersionId);
  });
});

describe('organising', () => {
  it('favourites, tags, collections and campaigns in bulk', async () => {
    const a = (await library.save(fixture('faces/sample1.jpg'), { name: 'a', source: 'import' })).asset;
    const b = (await library.save(fixture('faces/sample2.jpg'), { name: 'b', source: 'import' })).asset;
    await library.organise.setFavourite([a.id, b.id], true);
    await library.organise.setFavourite([b.id], false);
    expect(await db.favourites.toCollection().primaryKeys()).toEqual([a.id]);

    await library.organise.addTag([a.id, b.id], '  Launch ');
    await library.tagging.setAutoTags(
      a.id,
      [
        { tag: 'person', kind: 'object' },
        { tag: 'launch', kind: 'prompt' }
      ],
      {
        faceCount: 3,
        width: 1920,
        height: 1280
      }
    );
    const tagsOfA = await db.tags.where('assetId').equals(a.id).toArray();
    expect(tagsOfA.map((row) => [row.tag, row.origin]).sort()).toEqual([
      ['launch', 'user'],
      ['person', 'auto']
    ]);
    expect((await library.get(a.id))?.faceCount).toBe(3);

    const summer = await library.organise.createCollection('Summer');
    const winter = await library.organise.createCollection('Winter');
    await library.organise.reorder('collections', [winter.id, summer.id]);
    expect((await db.collections.orderBy('order').toArray()).map((row) => row.name)).toEqual([
      'Winter',
      'Summer'
    ]);
    await library.organise.addToCollection([a.id, b.id], summer.id);
    await library.organise.updateCollection(summer.id, { name: 'Summer 26', coverAssetId: b.id });
    expect(await db.collectionItems.where('collectionId').equals(summer.id).count()).toBe(2);

    const campaign = await library.organise.createCampaign({
      name: 'Launch',
      startsOn: '2026-06-01',
      channels: ['instagram']
    });
    await library.organise.moveToCampaign([a.id], campaign.id);
    expect((await library.get(a.id))?.campaignId).toBe(campaign.id);

    const [entryA] = (await library.entries()).filter((entry) => entry.id === a.id);
    expect(entryA).toMatchObject({
      favourite: true,
      tags: expect.arrayContaining(['launch', 'person']),
      collectionNames: ['Summer 26'],
      campaignName: 'Launch'
    });

    const board = await library.organise.createBoard('Review', [
      { assetId: b.id, note: 'approved' },
      { assetId: a.id, note: '' }
    ]);
    expect((await db.boards.get(board.id))?.items.map((item) => item.assetId)).toEqual([b.id, a.id]);
  });
});

describe('reading the library', () => {
  it('recentEntries gives the newest live assets with their tags, without reading the rest', async () => {
    const saved = [];
    for (const [index, path] of ['faces/sample1.jpg', 'faces/sample2.jpg', 'faces/sample3.jpg'].entries()) {
      saved.push(
        (await library.save(fixture(path), { name: path, source: 'import', createdAt: index + 1 })).asset
      );
    }
    const [oldest, middle, newest] = saved;
    await library.organise.addTag([middle?.id ?? ''], 'keeper');
    await library.trash.move([newest?.id ?? '']);
    const recent = await library.recentEntries(2);
    expect(recent.map((entry) => [entry.id, entry.tags])).toEqual([
      [middle?.id, ['keeper']],
      [oldest?.id, []]
    ]);
  });
});

describe('trash', () => {
  it('hides trashed assets, undo brings them back, and the purge after 30 days removes every trace', async () => {
    const a = (await library.save(fixture('faces/sample1.jpg'), { name: 'a', source: 'import' })).asset;
    const b = (await library.save(fixture('faces/sample2.jpg'), { name: 'b', source: 'import' })).asset;
    await library.versions.derive(a.id, 'resize', {}, fixture('formats/photo.webp'));
    const batch = await library.trash.move([a.id]);
    expect((await library.liveAssets()).map((row) => row.id)).toEqual([b.id]);
    expect(await library.trash.undo(batch)).toBe(1);
    expect((await library.liveAssets()).map((row) => row.id).sort()).toEqual([a.id, b.id].sort());

    await library.trash.move([a.id]);
    expect(await library.trash.purge(Date.now() + TRASH_RETENTION_MS - 60_000)).toBe(0);
    expect(await library.trash.purge(Date.now() + TRASH_RETENTION_MS + 1)).toBe(1);
    expect(await db.assets.get(a.id)).toBeUndefined();
    expect(await db.versions.where('assetId').equals(a.id).count()).toBe(0);
    expect(await db.files.count()).toBe(1);
    expect(await db.trash.count()).toBe(0);
  });
});
