import { z } from 'zod';
import { toImageError, type ImageErrorShape } from '$core/errors/image-error';
import type { Point } from '$core/crop';
import { PixelRectSchema, PointSchema, type Analysis, type PixelRect } from '$core/optimize';
import { BoxSchema, type Box } from '$core/vision/detection';
import { database } from '$lib/db/database';
import { clearCropChoice, readCropChoices, saveCropChoice } from '$lib/db/social-store';
import { optimizeWorkers } from '$lib/workers/optimize-worker';
import { contentHash } from '$lib/library/hash';
import { previewUrl } from './preview-image';

export type SourceStatus = 'waiting' | 'analysing' | 'ready' | 'failed';

/** The focal point and the face corrections are stored beside the per-preset crops, under keys no preset id can take. */
const FOCAL_KEY = '@focal';
const FACE_KEYS = { dismissed: '@dismissed', added: '@added' } as const;
const BoxesSchema = z.array(BoxSchema);
const StoredChoiceSchema = z.union([PixelRectSchema, PointSchema, BoxesSchema]);

/** The user's corrections to the detector: boxes that are not faces, and faces it missed. */
export type FaceCorrection = keyof typeof FACE_KEYS;

/** One picture in the optimizer: its file, what the analysis found, and the user's own choices for it. */
export class SourceImage {
  readonly id = crypto.randomUUID();
  readonly file: File;
  status: SourceStatus = $state('waiting');
  error: ImageErrorShape | undefined = $state();
  analysis: Analysis | undefined = $state.raw();
  preview: string | undefined = $state();
  hash: string | undefined = $state();
  pinnedFocal: Point | undefined = $state.raw();
  userCrops: Record<string, PixelRect> = $state({});
  dismissed: Box[] = $state.raw([]);
  added: Box[] = $state.raw([]);

  constructor(file: File) {
    this.file = file;
  }

  get name(): string {
    return this.file.name || 'pasted image';
  }
}

/**
 * The pictures being optimised. Each is analysed in the background (faces and subjects in the optimize
 * workers), and its stored focal point and crops are read back by content hash.
 */
export class SourceList {
  items: SourceImage[] = $state([]);
  #controller = new AbortController();
  #waiting: SourceImage[] = [];
  #running = 0;

  get ready(): SourceImage[] {
    return this.items.filter((item) => item.status === 'ready');
  }

  get busy(): boolean {
    return this.items.some((item) => item.status === 'waiting' || item.status === 'analysing');
  }

  add(files: readonly File[]): SourceImage[] {
    const added = files.map((file) => new SourceImage(file));
    this.items.push(...added);
    // Class instances are not proxied: their own $state fields carry the reactivity.
    this.#waiting.push(...added);
    this.#pump();
    return added;
  }

  /** Analyses as many photos at once as the optimize pool has workers, in the order they came. */
  #pump(): void {
    while (this.#running < optimizeWorkers().size && this.#waiting.length) {
      const item = this.#waiting.shift() as SourceImage;
      this.#running++;
      void this.#load(item).finally(() => {
        this.#running--;
        this.#pump();
      });
    }
  }

  remove(id: string): void {
    const item = this.items.find((candidate) => candidate.id === id);
    if (item?.preview) URL.revokeObjectURL(item.preview);
    this.items = this.items.filter((candidate) => candidate.id !== id);
  }

  clear(): void {
    this.#waiting = [];
    this.#controller.abort();
    this.#controller = new AbortController();
    for (const item of this.items) if (item.preview) URL.revokeObjectURL(item.preview);
    this.items = [];
  }

  async setFocal(item: SourceImage, focal: Point | undefined): Promise<void> {
    item.pinnedFocal = focal && { x: Math.round(focal.x), y: Math.round(focal.y) };
    if (!item.hash) return;
    const key = { sourceHash: item.hash, presetId: FOCAL_KEY };
    if (item.pinnedFocal) await saveCropChoice(database(), key, PointSchema, item.pinnedFocal);
    else await clearCropChoice(database(), key);
  }

  /** Replaces the dismissed ("not a face") or the drawn boxes of one photo, and remembers them by its content. */
  async setFaces(item: SourceImage, kind: FaceCorrection, boxes: readonly Box[]): Promise<void> {
    item[kind] = BoxesSchema.parse(boxes);
    if (!item.hash) return;
    const key = { sourceHash: item.hash, presetId: FACE_KEYS[kind] };
    if (item[kind].length) await saveCropChoice(database(), key, BoxesSchema, item[kind]);
    else await clearCropChoice(database(), key);
  }

  async setCrop(item: SourceImage, presetId: string, crop: PixelRect | undefined): Promise<void> {
    if (crop) item.userCrops[presetId] = PixelRectSchema.parse(crop);
    else delete item.userCrops[presetId];
    if (!item.hash) return;
    const key = { sourceHash: item.hash, presetId };
    if (crop) await saveCropChoice(database(), key, PixelRectSchema, crop);
    else await clearCropChoice(database(), key);
  }

  async #load(item: SourceImage): Promise<void> {
    if (!this.items.includes(item)) return;
    const signal = this.#controller.signal;
    item.status = 'analysing';
    try {
      const bytes = new Uint8Array(await item.file.arrayBuffer());
      item.hash = await contentHash(bytes);
      item.analysis = await optimizeWorkers().analyze(bytes.slice(), signal);
      item.preview = await previewUrl(item.file, bytes, signal);
      await this.#restoreChoices(item, item.hash);
      item.status = 'ready';
    } catch (caught) {
      item.error = toImageError(caught).toJSON();
      item.status = 'failed';
    }
  }

  async #restoreChoices(item: SourceImage, hash: string): Promise<void> {
    const stored = await readCropChoices(database(), hash, StoredChoiceSchema);
    for (const [presetId, choice] of stored) {
      if (Array.isArray(choice)) {
        if (presetId === FACE_KEYS.dismissed) item.dismissed = choice;
        if (presetId === FACE_KEYS.added) item.added = choice;
      } else if (presetId === FOCAL_KEY) item.pinnedFocal = PointSchema.parse(choice);
      else if ('width' in choice) item.userCrops[presetId] = choice;
    }
  }
}
