// @ts-check
/* Imported into the generated service worker (workbox `importScripts`). "Share → Image Studio" on a phone
   POSTs the photos here; they are kept in a cache (the page may not be open yet) and the browser is sent on
   to /social, which takes them out. Keep the names in step with src/lib/app/share-inbox.ts. */
const SHARE_ACTION = '/social/share';
const SHARE_CACHE = 'share-target-inbox';
const SHARE_FIELD = 'images';

self.addEventListener('fetch', (event) => {
  const fetchEvent = /** @type {FetchEvent} */ (event);
  const url = new URL(fetchEvent.request.url);
  if (fetchEvent.request.method !== 'POST' || url.pathname !== SHARE_ACTION) return;
  fetchEvent.respondWith(receiveShare(fetchEvent.request));
});

/** @param {Request} request */
async function receiveShare(request) {
  const form = await request.formData();
  const files = form.getAll(SHARE_FIELD).filter((entry) => typeof entry !== 'string');
  const cache = await caches.open(SHARE_CACHE);
  const stamp = Date.now();
  await Promise.all(
    files.map((file, index) =>
      cache.put(
        `/share-inbox/${stamp}-${index}`,
        new Response(file, {
          headers: {
            'content-type': file.type || 'application/octet-stream',
            'x-file-name': encodeURIComponent(file.name || `shared-${index + 1}`)
          }
        })
      )
    )
  );
  return Response.redirect(`/social?shared=${files.length}`, 303);
}
