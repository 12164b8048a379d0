import type { AssetRow } from '$lib/db/database';
import { imageFacts, type ImageFacts } from '$core/studio/image-input';
import { library } from '$lib/library/library';

/** The image a studio works on: always an asset, so every result can become a version of it. */
export interface StudioSource {
  assetId: string;
  name: string;
  blob: Blob;
  url: string;
  facts: ImageFacts;
}

async function fromBlob(asset: Pick<AssetRow, 'id' | 'name'>, blob: Blob): Promise<StudioSource> {
  const facts = imageFacts(new Uint8Array(await blob.arrayBuffer()));
  return { assetId: asset.id, name: asset.name, blob, url: URL.createObjectURL(blob), facts };
}

/** The asset's current version. */
export async function openAsset(assetId: string): Promise<StudioSource> {
  const asset = await library.get(assetId);
  if (!asset) throw new Error('That image is no longer in the library.');
  return fromBlob(asset, await library.currentBlob(assetId));
}

/** A dropped file is kept in the library first (or found there, by its bytes), so edits have a history. */
export async function importFile(file: File): Promise<StudioSource> {
  imageFacts(new Uint8Array(await file.arrayBuffer()));
  const { asset } = await library.save(file, { name: file.name, source: 'import' });
  return fromBlob(asset, await library.currentBlob(asset.id));
}

/** The same asset after a new version was derived from it. */
export const withVersion = (source: StudioSource, blob: Blob): Promise<StudioSource> =>
  fromBlob({ id: source.assetId, name: source.name }, blob);

export const releaseSource = (source: StudioSource | undefined) => {
  if (source) URL.revokeObjectURL(source.url);
};
