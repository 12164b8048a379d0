import type { Library } from './library';

/**
 * Object URLs for thumbnails, one per asset and thumbnail version, so a grid that re-renders or scrolls
 * back reuses the URL instead of flashing. `clear` revokes them all when the page goes away.
 */
export class ThumbnailUrls {
  readonly #urls = new Map<string, { versionId: string; url: string }>();
  readonly #library: Library;

  constructor(library: Library) {
    this.#library = library;
  }

  async get(assetId: string): Promise<string | undefined> {
    const row = await this.#library.tagging.thumbnail(assetId);
    if (!row) return undefined;
    const known = this.#urls.get(assetId);
    if (known?.versionId === row.versionId) return known.url;
    if (known) URL.revokeObjectURL(known.url);
    const url = URL.createObjectURL(row.blob);
    this.#urls.set(assetId, { versionId: row.versionId, url });
    return url;
  }

  clear(): void {
    for (const { url } of this.#urls.values()) URL.revokeObjectURL(url);
    this.#urls.clear();
  }
}
