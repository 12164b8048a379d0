import { toImageError } from '$core/errors/image-error';
import { LibraryError } from '$core/errors/library-error';
import type { EntryFilter, EntrySort, LibraryEntry } from '$core/library/entries';
import { LibrarySearch } from '$core/library/search';
import { nextSelection, selectionOf, type ChooseOptions } from '$core/library/selection';
import { assetFileName } from '$core/library/file-name';
import type { CampaignRow, CollectionRow } from '$lib/db/database';
import { imageWorker } from '$lib/workers/image-worker';
import { BackgroundWork } from './background.svelte';
import { assetFiles, saveBlob, saveFiles } from './download';
import { library as appLibrary, type Library } from './library';
import type { LibraryOrganiser } from './organise';
import { ThumbnailUrls } from './thumbnail-urls';

export interface Notice {
  title: string;
  message: string;
  code?: string;
}

/** Enough assets to fill the first screen of the grid on a large display, read before everything else. */
const FIRST_PAGE = 120;

/** The library page's state: entries, the query, the selection, and every action the page offers. */
export class LibraryView {
  readonly library: Library;
  readonly #search = new LibrarySearch();
  entries = $state.raw<LibraryEntry[]>([]);
  collections = $state.raw<CollectionRow[]>([]);
  campaigns = $state.raw<CampaignRow[]>([]);
  loaded = $state(false);
  text = $state('');
  filter = $state<EntryFilter>({});
  sort = $state<EntrySort>('newest');
  layout = $state<'grid' | 'list'>('grid');
  selected = $state.raw<ReadonlySet<string>>(selectionOf([]));
  detailId = $state<string | undefined>();
  importing = $state<{ done: number; total: number; failed: Notice[] } | undefined>();
  undo = $state<{ batchId: string; count: number } | undefined>();
  notice = $state<Notice | undefined>();
  /** After a long press on a touch screen, taps add to the selection instead of replacing it. */
  touchSelecting = $state(false);
  /** Bumped after every change so derived reads of the (non-reactive) search index re-run. */
  revision = $state(0);
  #anchor: string | undefined;
  #importCancel: AbortController | undefined;
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;
  readonly background: BackgroundWork;
  readonly thumbnails: ThumbnailUrls;

  readonly results = $derived.by(() => {
    void this.revision;
    const started = performance.now();
    const found = this.#search.query({
      text: this.text,
      filter: this.filter,
      sort: this.text.trim() ? 'relevance' : this.sort
    });
    performance.measure('library:search', { start: started, end: performance.now() });
    return found;
  });

  readonly detail = $derived(this.entries.find((entry) => entry.id === this.detailId));

  constructor(library: Library = appLibrary) {
    this.library = library;
    this.background = new BackgroundWork(library, () => this.refreshSoon());
    this.thumbnails = new ThumbnailUrls(library);
  }

  /** Stops background work and frees the thumbnails' object URLs when the page goes away. */
  stop(): void {
    this.background.cancel();
    this.thumbnails.clear();
  }

  /**
   * Shows the newest page at once, then reads the whole library; the search index is built when the page is
   * idle, and housekeeping (the 30-day purge, thumbnails and tags) runs last.
   */
  async start(): Promise<void> {
    performance.mark('library:start');
    this.#show(await this.library.recentEntries(FIRST_PAGE));
    // Let the first page paint before reading everything: deserialising 10,000 rows holds the main thread.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    await this.refresh();
    this.loaded = true;
    void this.#search.flushGradually(() => new Promise((resolve) => setTimeout(resolve, 0)));
    if (await this.library.trash.purge()) await this.refresh();
    // The bench waits for this mark: opening the library is timed from a settled page, not mid-housekeeping.
    void this.background.run().then(() => performance.mark('library:settled'));
  }

  async refresh(): Promise<void> {
    const entries = await this.library.entries();
    this.collections = await this.library.organise.collections();
    this.campaigns = await this.library.organise.campaigns();
    this.#show(entries);
  }

  #show(entries: LibraryEntry[]): void {
    this.#search.sync(entries);
    this.entries = entries;
    this.revision += 1;
  }

  /** Background work changes many rows in a row; the page catches up at most twice a second. */
  refreshSoon(): void {
    if (this.#refreshTimer) return;
    this.#refreshTimer = setTimeout(() => {
      this.#refreshTimer = undefined;
      void this.refresh();
    }, 500);
  }

  async #act(title: string, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      const known = error instanceof LibraryError ? error : toImageError(error);
      this.notice = { title, message: known.message, code: known.code };
    }
    await this.refresh();
  }

  /** Saves each file; one bad file is reported and skipped, never stopping the rest. */
  async importFiles(files: readonly File[]): Promise<void> {
    this.#importCancel = new AbortController();
    const { signal } = this.#importCancel;
    this.importing = { done: 0, total: files.length, failed: [] };
    for (const file of files) {
      if (signal.aborted) break;
      try {
        await this.library.save(file, {
          name: file.name,
          source: 'import',
          createdAt: file.lastModified || undefined
        });
      } catch (error) {
        const known = error instanceof LibraryError ? error : toImageError(error);
        this.importing.failed.push({ title: file.name, message: known.message, code: known.code });
        if (known.code === 'quota_exceeded') break;
      }
      this.importing.done += 1;
    }
    const failed = this.importing.failed;
    this.importing = undefined;
    const [first] = failed;
    // One line per file, each with its own reason: two refusals rarely share one.
    if (first)
      this.notice = {
        title:
          failed.length === 1
            ? `Could not import ${first.title}`
            : `${failed.length} files were not imported`,
        message:
          failed.length === 1
            ? first.message
            : failed.map((one) => `${one.title}: ${one.message}`).join('\n'),
        code: failed.length === 1 ? first.code : undefined
      };
    await this.refresh();
    void this.background.run();
  }

  cancelImport(): void {
    this.#importCancel?.abort();
  }

  /** Click, shift-click (range) and ctrl/cmd-click (toggle), as in a file manager. */
  choose(id: string, options: ChooseOptions = {}): void {
    const ordered = this.results.map((entry) => entry.id);
    const next = nextSelection(this.selected, ordered, id, this.#anchor, options);
    if (!options.range) this.#anchor = id;
    this.selected = next;
    // While picking several on a touch screen the detail sheet would cover the grid.
    if (next.size === 1 && !this.touchSelecting) this.detailId = [...next][0];
    else if (this.detailId && !next.has(this.detailId)) this.detailId = undefined;
  }

  selectAll(): void {
    this.selected = selectionOf(this.results.map((entry) => entry.id));
  }

  clearSelection(): void {
    this.selected = selectionOf([]);
    this.touchSelecting = false;
    this.detailId = undefined;
  }

  get selection(): string[] {
    return [...this.selected];
  }

  favourite = (ids: string[], on: boolean) =>
    this.#act('Could not change favourites', () => this.library.organise.setFavourite(ids, on));
  tag = (ids: string[], tag: string) =>
    this.#act('Could not add the tag', () => this.library.organise.addTag(ids, tag));
  untag = (id: string, tag: string) =>
    this.#act('Could not remove the tag', () => this.library.organise.removeTag(id, tag));
  collect = (ids: string[], collectionId: string) =>
    this.#act('Could not add to the collection', () =>
      this.library.organise.addToCollection(ids, collectionId)
    );
  uncollect = (ids: string[], collectionId: string) =>
    this.#act('Could not remove from the collection', () =>
      this.library.organise.removeFromCollection(ids, collectionId)
    );
  moveToCampaign = (ids: string[], campaignId: string | undefined) =>
    this.#act('Could not move to the campaign', () => this.library.organise.moveToCampaign(ids, campaignId));

  async remove(ids: string[]): Promise<void> {
    await this.#act('Could not move to the trash', async () => {
      this.undo = { batchId: await this.library.trash.move(ids), count: ids.length };
    });
    this.clearSelection();
  }

  async undoRemove(): Promise<void> {
    const undo = this.undo;
    this.undo = undefined;
    if (undo) await this.#act('Could not restore', () => this.library.trash.undo(undo.batchId));
  }

  /** One file downloads as itself; several as a ZIP of their current versions, each named for what it is. */
  async download(ids: string[]): Promise<void> {
    await this.#act('Could not download', async () => {
      const files = await assetFiles(this.library, ids);
      await saveFiles(files, 'image-studio-assets.zip');
      await this.library.recordUsage({
        kind: 'export',
        module: 'library',
        bytes: files.reduce((sum, file) => sum + file.blob.size, 0)
      });
    });
  }

  createCollection = (name: string) =>
    this.#act('Could not create the collection', () => this.library.organise.createCollection(name));
  updateCollection = (id: string, patch: Parameters<LibraryOrganiser['updateCollection']>[1]) =>
    this.#act('Could not change the collection', () => this.library.organise.updateCollection(id, patch));
  deleteCollection = (id: string) =>
    this.#act('Could not delete the collection', () => this.library.organise.deleteCollection(id));
  createCampaign = (input: Parameters<LibraryOrganiser['createCampaign']>[0]) =>
    this.#act('Could not create the campaign', () => this.library.organise.createCampaign(input));
  updateCampaign = (id: string, patch: Parameters<LibraryOrganiser['updateCampaign']>[1]) =>
    this.#act('Could not change the campaign', () => this.library.organise.updateCampaign(id, patch));

  /** Moves one collection or campaign up or down the list by one place. */
  move = (kind: 'collections' | 'campaigns', id: string, by: -1 | 1) =>
    this.#act('Could not reorder', async () => {
      const ids = this[kind].map((row) => row.id);
      const from = ids.indexOf(id);
      const to = from + by;
      if (from < 0 || to < 0 || to >= ids.length) return;
      [ids[from], ids[to]] = [ids[to] ?? id, id];
      await this.library.organise.reorder(kind, ids);
    });

  /**
   * A smaller WebP copy, downloaded under a name that says so: the everyday "make it lighter for the web"
   * step. The asset itself stays as it was, current version and tags included.
   */
  webCopy = (assetId: string, side = 1080) =>
    this.#act('Could not make the web copy', async () => {
      const asset = await this.library.get(assetId);
      if (!asset) return;
      const bytes = new Uint8Array(await (await this.library.currentBlob(assetId)).arrayBuffer());
      const long = Math.min(side, Math.max(asset.width, asset.height) || side);
      const options = { width: long, height: long, fit: 'inside', format: 'webp', quality: 82 } as const;
      const result = await imageWorker.resize(bytes, options);
      const name = assetFileName({
        name: asset.name,
        mime: 'image/webp',
        width: result.width,
        height: result.height,
        operation: 'web'
      });
      saveBlob(new Blob([result.bytes as BlobPart], { type: 'image/webp' }), name);
      await this.library.recordUsage({ kind: 'export', module: 'library', bytes: result.bytes.byteLength });
    });

  revert = (assetId: string, versionId: string) =>
    this.#act('Could not revert', async () => {
      await this.library.versions.revert(assetId, versionId);
      void this.background.run();
    });
}
