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
  const bytes = new Uint8Array(await (await library.versions.blob(asset.currentVersionId)).arrayBuffer());
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
  await library.tagging.setThumbnail(row);
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
  let look = await library.tagging.thumbnail(assetId);
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
  await library.tagging.setAutoTags(assetId, tags, {
    faceCount: detection.faces.length,
    width: look.sourceWidth,
    height: look.sourceHeight,
    exif: { camera: exif.camera, takenAt: exif.takenAt },
    prompt
  });
}
