import type { Table } from 'dexie';
import { toLibraryError } from '$core/errors/library-error';
import { database, type StudioDatabase } from '$lib/db/database';

export const newId = (): string => crypto.randomUUID();

/**
 * The library's one way into IndexedDB, shared by its parts (versions, organising, trash, tagging, archive).
 * Every write is one transaction, so a failure (a full disk included) leaves nothing half-written and reaches
 * the caller as a `LibraryError` naming what was not kept.
 */
export class LibraryStore {
  readonly #open: () => StudioDatabase;

  constructor(open: () => StudioDatabase = database) {
    this.#open = open;
  }

  /** For reads of one table, which need no transaction of their own. */
  get db(): StudioDatabase {
    return this.#open();
  }

  read<T>(tables: (db: StudioDatabase) => Table[], work: (db: StudioDatabase) => Promise<T>): Promise<T> {
    const db = this.#open();
    return db.transaction('r', tables(db), () => work(db));
  }

  /** `what` names the change in the error, e.g. `“photo.jpg”` or `The tag`. */
  async write<T>(
    what: string,
    tables: (db: StudioDatabase) => Table[],
    work: (db: StudioDatabase) => Promise<T>
  ): Promise<T> {
    const db = this.#open();
    try {
      return await db.transaction('rw', tables(db), () => work(db));
    } catch (error) {
      throw toLibraryError(error, what);
    }
  }
}
