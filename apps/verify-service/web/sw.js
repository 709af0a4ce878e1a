// @ts-check
// Keeps the scanner's own files so the page opens again without a network (a checkpoint may lose
// it for hours). Network first, so a new version reaches scanners as soon as they are online;
// API calls (/v1/…) are never cached: the page keeps its own lists in localStorage.
const CACHE = 'epass-scanner-v2';
const SHELL = [
  '/',
  '/index.html',
  '/scanner.js',
  '/scanner.css',
  '/shared/common.js',
  '/shared/common.css',
  '/shared/plate.js',
  '/offline-verify.js',
  '/vendor/jsQR.js',
];

/**
 * The service worker's scope as far as this file uses it. tsconfig.web.json checks it in one
 * program with the pages, under the DOM lib, where `self` is a Window; the webworker lib would
 * clash with DOM there, so these few worker types are spelled out here.
 * @typedef {Event & { waitUntil(promise: Promise<unknown>): void }} SwExtendableEvent
 * @typedef {SwExtendableEvent & { readonly request: Request,
 *   respondWith(response: Response | Promise<Response>): void }} SwFetchEvent
 * @typedef {{
 *   addEventListener(
 *     type: 'install' | 'activate', listener: (event: SwExtendableEvent) => void): void;
 *   addEventListener(type: 'fetch', listener: (event: SwFetchEvent) => void): void;
 *   skipWaiting(): Promise<void>;
 *   readonly clients: { claim(): Promise<void> };
 *   readonly location: Location;
 * }} SwScope
 */
const worker = /** @type {SwScope} */ (/** @type {unknown} */ (self));

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== worker.location.origin) return;
  if (url.pathname.startsWith('/v1/') || url.pathname.startsWith('/.well-known/')) return;
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          void caches.open(CACHE).then((cache) => cache.put(event.request, copy));
        }
        return response;
      })
      .catch(() =>
        caches
          .match(event.request, { ignoreSearch: true })
          .then((hit) => hit ?? caches.match('/index.html'))
          // Nothing cached yet: the network error the page would have had without a worker.
          .then((page) => page ?? Response.error()),
      ),
  );
});
