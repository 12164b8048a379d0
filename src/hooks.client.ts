import { database } from '$lib/db/database';

/**
 * Opens IndexedDB while the first route's code loads: nearly every page reads it, and the open (schema check,
 * upgrade when the app changed) would otherwise start only when that page mounts. A failure here is left to the
 * page's own read, which reports it where the user sees it.
 */
export function init(): void {
  database()
    .open()
    .catch(() => undefined);
}
