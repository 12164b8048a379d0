import MiniSearch from 'minisearch';
import { matchesFilter, sortEntries, type EntryFilter, type EntrySort, type LibraryEntry } from './entries';

interface SearchDocument {
  id: string;
  name: string;
  tags: string;
  prompt: string;
  note: string;
  campaign: string;
  collections: string;
}

const toDocument = (entry: LibraryEntry): SearchDocument => ({
  id: entry.id,
  name: entry.name.replace(/[._-]+/g, ' '),
  tags: entry.tags.join(' '),
  prompt: entry.prompt ?? '',
  note: entry.note ?? '',
  campaign: entry.campaignName ?? '',
  collections: entry.collectionNames.join(' ')
});

/** What changes a document's text: when it is the same, the index entry need not be touched. */
const signature = (doc: SearchDocument): string =>
  [doc.name, doc.tags, doc.prompt, doc.note, doc.campaign, doc.collections].join('\u0000');

export interface SearchQuery {
  text: string;
  filter: EntryFilter;
  sort: EntrySort;
}

/**
 * Full-text search over the library with prefix matching and typo tolerance, kept in step with the entries
 * incrementally so typing stays fast at tens of thousands of assets.
 */
export class LibrarySearch {
  readonly #index = new MiniSearch<SearchDocument>({
    fields: ['name', 'tags', 'prompt', 'note', 'campaign', 'collections'],
    searchOptions: {
      boost: { tags: 2, name: 1.5 },
      prefix: true,
      // Short words get no typo allowance: "cat" must not match "car".
      fuzzy: (term) => (term.length > 4 ? 0.2 : false),
      combineWith: 'AND'
    }
  });
  readonly #signatures = new Map<string, string>();
  #entries = new Map<string, LibraryEntry>();

  #stale = false;

  /**
   * Takes the current entries. The index is brought up to date later, by `flush` (call it when the page is
   * idle) or by the first text query, so a large library shows its first page without waiting for it.
   */
  sync(entries: readonly LibraryEntry[]): void {
    this.#entries = new Map(entries.map((entry) => [entry.id, entry]));
    this.#stale = true;
  }

  /** Adds, replaces and drops only the documents whose text changed since the last flush. */
  flush(): void {
    if (!this.#stale) return;
    this.#discardGone();
    this.#index.addAll(this.#changed(this.#entries.values()));
    this.#stale = false;
  }

  /**
   * What `flush` does, `slice` entries at a time, awaiting `pause` between slices: indexing 10,000 entries in
   * one go holds the page's thread for a few hundred milliseconds. A query meanwhile still sees everything
   * (it finishes the flush itself), and a `sync` meanwhile starts the pass over on the new entries.
   */
  async flushGradually(pause: () => Promise<void>, slice = 500): Promise<void> {
    while (this.#stale) {
      const entries = this.#entries;
      this.#discardGone();
      const pending = [...entries.values()];
      for (let start = 0; start < pending.length && this.#entries === entries; start += slice) {
        this.#index.addAll(this.#changed(pending.slice(start, start + slice)));
        await pause();
      }
      if (this.#entries === entries) this.#stale = false;
    }
  }

  #discardGone(): void {
    for (const id of this.#signatures.keys()) {
      if (!this.#entries.has(id)) {
        this.#index.discard(id);
        this.#signatures.delete(id);
      }
    }
  }

  /** Replaces the documents of known entries whose text changed; returns those of new entries, to add. */
  #changed(entries: Iterable<LibraryEntry>): SearchDocument[] {
    const added: SearchDocument[] = [];
    for (const entry of entries) {
      const doc = toDocument(entry);
      const known = this.#signatures.get(entry.id);
      const now = signature(doc);
      if (known === now) continue;
      if (known === undefined) added.push(doc);
      else this.#index.replace(doc);
      this.#signatures.set(entry.id, now);
    }
    return added;
  }

  /** Entries matching the text (all when empty) and the filter, in the requested order. */
  query({ text, filter, sort }: SearchQuery): LibraryEntry[] {
    const trimmed = text.trim();
    let candidates: LibraryEntry[];
    if (trimmed) {
      this.flush();
      candidates = this.#index
        .search(trimmed)
        .map((result) => this.#entries.get(result.id as string))
        .filter((entry): entry is LibraryEntry => entry !== undefined);
    } else {
      candidates = [...this.#entries.values()];
    }
    const matching = candidates.filter((entry) => matchesFilter(entry, filter));
    return sortEntries(matching, trimmed || sort !== 'relevance' ? sort : 'newest');
  }
}
