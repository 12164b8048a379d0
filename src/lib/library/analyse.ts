import { checkSource } from '$core/image/check-source';
import type { Detection } from '$core/vision/detection';
import type { ImageSummary } from '$core/library/summary';
import { deriveTags } from '$core/library/tags';
import type { ThumbnailRow } from '$lib/db/database';
import type { Library } from './library';

/** The two looks at an image: the image worker's summary and the vision worker's detections. */
export interface Analysers {
  summarise(bytes: Uint8Array, signal?: AbortSignal): Promise<ImageSummary>;
  detect(bytes: Uint8Array, signal?: AbortSignal): Promise<Detection>;
}

async function currentBytes(library: Library, assetId: string) {
  const asset = await library.get(assetId);
  if (!asset) return undefined;
  const bytes = new Uint8Array(await (await library.versionBlob(asset.currentVersionId)).arrayBuffer());
  return { asset, bytes };
}

/** Makes (or remakes, after a new version) the asset's thumbnail; returns the row, or nothing if it is gone. */
export async function makeThumbnail(
  library: Library,
  assetId: string,
  analysers: Analysers,
  signal?: AbortSignal
): Promise<ThumbnailRow | undefined> {
  const current = await currentBytes(library, assetId);
  if (!current) return undefined;
  // Assets kept before the library checked what it imports meet the same checks here, with the same words.
  checkSource(current.bytes);
  const summary = await analysers.summarise(current.bytes, signal);
  const row: ThumbnailRow = {
    assetId,
    versionId: current.asset.currentVersionId,
    blob: new Blob([summary.thumbnail.bytes as BlobPart], { type: 'image/webp' }),
    width: summary.thumbnail.width,
    height: summary.thumbnail.height,
    colours: summary.colours,
    exif: summary.exif,
    sourceWidth: summary.width,
    sourceHeight: summary.height
  };
  await library.setThumbnail(row);
  return row;
}

/** Runs detection on the current version and replaces the asset's automatic tags with everything found. */
export async function tagAsset(
  library: Library,
  assetId: string,
  analysers: Analysers,
  signal?: AbortSignal
): Promise<void> {
  const current = await currentBytes(library, assetId);
  if (!current) return;
  const { asset, bytes } = current;
  let look = await library.thumbnail(assetId);
  if (!look || look.versionId !== asset.currentVersionId)
    look = await makeThumbnail(library, assetId, analysers, signal);
  if (!look) return;
  const detection = await analysers.detect(bytes, signal);
  // A derived version (a crop, a WebP) rarely keeps the camera's EXIF: what the original said still holds.
  const exif = {
    ...look.exif,
    camera: look.exif.camera ?? asset.exif?.camera,
    takenAt: look.exif.takenAt ?? asset.exif?.takenAt
  };
  // An imported image made elsewhere often carries its prompt; it becomes searchable like our own.
  const prompt = asset.prompt ?? exif.description;
  const tags = deriveTags({
    objectLabels: detection.objects.map((object) => object.label),
    faceCount: detection.faces.length,
    width: look.sourceWidth,
    height: look.sourceHeight,
    colours: look.colours,
    source: asset.source,
    provider: asset.provider,
    prompt,
    exif
  });
  await library.setAutoTags(assetId, tags, {
    faceCount: detection.faces.length,
    width: look.sourceWidth,
    height: look.sourceHeight,
    exif: { camera: exif.camera, takenAt: exif.takenAt },
    prompt
  });
}

/**
 * Ids of assets whose current version is an image: a video or 3D model (a Transform result) has no pixels
 * for magick-wasm or the tagger, so it keeps the thumbnail and tags of the image it was made from.
 */
const imageIds = async (library: Library) =>
  new Set(await library.db.assets.where('mime').startsWith('image/').primaryKeys());

/**
 * Live images whose thumbnail is missing or was made from an older version. Every read is of primary keys
 * only (one request each, no cursor), so it stays cheap at tens of thousands of assets. A new version clears
 * the asset's `taggedAt`, so only untagged assets can hold an older version's thumbnail: those few are read.
 */
export async function needingThumbnails(library: Library): Promise<string[]> {
  const db = library.db;
  const [trashed, thumbnailed, images, tagged] = await Promise.all([
    db.trash.toCollection().primaryKeys(),
    db.thumbnails.toCollection().primaryKeys(),
    imageIds(library),
    db.assets.orderBy('taggedAt').primaryKeys()
  ]);
  const hidden = new Set(trashed);
  const hasThumbnail = new Set(thumbnailed);
  const isTagged = new Set(tagged);
  const live = [...images].filter((id) => !hidden.has(id));
  const suspects = live.filter((id) => hasThumbnail.has(id) && !isTagged.has(id));
  const missing = live.filter((id) => !hasThumbnail.has(id));
  const [assets, thumbnails, unthumbnailed] = await Promise.all([
    db.assets.bulkGet(suspects),
    db.thumbnails.bulkGet(suspects),
    db.assets.bulkGet(missing)
  ]);
  const stale = new Set(
    suspects.filter((_, index) => thumbnails[index]?.versionId !== assets[index]?.currentVersionId)
  );
  // An image that already failed keeps its recorded reason until a new version replaces it.
  const failed = new Set(missing.filter((_, index) => unthumbnailed[index]?.problem));
  return live.filter((id) => (!hasThumbnail.has(id) && !failed.has(id)) || stale.has(id));
}

/** Live images the tagger has not seen in their current version (their `taggedAt` is null, so unindexed). */
export async function needingTags(library: Library): Promise<string[]> {
  const db = library.db;
  const [images, tagged, trashed] = await Promise.all([
    imageIds(library),
    db.assets.orderBy('taggedAt').primaryKeys(),
    db.trash.toCollection().primaryKeys()
  ]);
  const skip = new Set([...tagged, ...trashed]);
  return [...images].filter((id) => !skip.has(id));
}
