// @ts-check
// Keeps the scanner's own files so the page opens again without a network (a checkpoint may lose
// it for hours). Network first, so a new version reaches scanners as soon as they are online;
// API calls (/v1/…) are never cached: the page keeps its own lists in localStorage.
//
// SHELL lists what the unbuilt page loads: every module that scanner.js imports, directly or not
// (test/pages/offline-shells.spec.ts follows the imports and compares). scripts/build-pages.mjs
// replaces the list with the built files, and CACHE with a name after them.
const CACHE = 'epass-scanner-v4';
const SHELL = [
  '/',
  '/index.html',
  '/scanner.js',
  '/scanner.css',
  '/offline-verify.js',
  '/scanner/api.js',
  '/scanner/camera.js',
  '/scanner/dictionary.js',
  '/scanner/hardware-scanner.js',
  '/scanner/observed-plates.js',
  '/scanner/offline-lists.js',
  '/scanner/queue.js',
  '/scanner/recent.js',
  '/scanner/scan.js',
  '/scanner/state.js',
  '/scanner/storage.js',
  '/scanner/sync.js',
  '/scanner/views/page.js',
  '/scanner/views/recent.js',
  '/scanner/views/scan-panel.js',
  '/scanner/views/status.js',
  '/scanner/views/text.js',
  '/scanner/views/verdict.js',
  '/shared/common.css',
  '/shared/common.js',
  '/shared/labels.js',
  '/shared/plate.js',
  '/shared/store.js',
  '/vendor/jsQR.js',
  '/vendor/lit-html/lit-html.js',
  '/vendor/lit-html/async-directive.js',
  '/vendor/lit-html/directive.js',
  '/vendor/lit-html/directive-helpers.js',
  '/vendor/lit-html/directives/live.js',
  '/vendor/lit-html/directives/ref.js',
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
          // ignoreVary: with CORS origins configured the services answer `Vary: Origin`, and a
          // module script is asked for with an Origin header that the install's requests lack.
          .match(event.request, { ignoreSearch: true, ignoreVary: true })
          .then((hit) => hit ?? caches.match('/index.html'))
          // Nothing cached yet: the network error the page would have had without a worker.
          .then((page) => page ?? Response.error()),
      ),
  );
});
