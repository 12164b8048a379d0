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
    for (const id of this.#signatures.keys()) {
      if (!this.#entries.has(id)) {
        this.#index.discard(id);
        this.#signatures.delete(id);
      }
    }
    const added: SearchDocument[] = [];
    for (const entry of this.#entries.values()) {
      const doc = toDocument(entry);
      const known = this.#signatures.get(entry.id);
      const now = signature(doc);
      if (known === now) continue;
      if (known === undefined) added.push(doc);
      else this.#index.replace(doc);
      this.#signatures.set(entry.id, now);
    }
    this.#index.addAll(added);
    this.#stale = false;
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
