/**
 * Opens IndexedDB while the first route's code loads: nearly every page reads it, and the open (schema check,
 * upgrade when the app changed) would otherwise start only when that page mounts. Imported here, not at the
 * top, so Dexie stays out of the first page's bundle. A failure is left to the page's own read, which reports
 * it where the user sees it.
 */
export function init(): void {
  // The home page reads none: opening it there would put Dexie in the first visit's download.
  if (location.pathname === '/') return;
  import('$lib/db/database').then(({ database }) => database().open()).catch(() => undefined);
}
