/** Where the service worker (static/share-target.js) leaves files shared to the app from the phone's share sheet. */
export const SHARE_ACTION = '/social/share';
export const SHARE_CACHE = 'share-target-inbox';
export const SHARE_FIELD = 'images';

/** Takes every file waiting in the share inbox, oldest first, and empties it. */
export async function takeSharedFiles(): Promise<File[]> {
  if (!('caches' in globalThis) || !(await caches.has(SHARE_CACHE))) return [];
  const cache = await caches.open(SHARE_CACHE);
  const requests = await cache.keys();
  const files: File[] = [];
  for (const request of requests) {
    const response = await cache.match(request);
    if (response) {
      const name = decodeURIComponent(response.headers.get('x-file-name') ?? 'shared');
      const type = response.headers.get('content-type') ?? '';
      files.push(new File([await response.blob()], name, { type }));
    }
    await cache.delete(request);
  }
  return files;
}
