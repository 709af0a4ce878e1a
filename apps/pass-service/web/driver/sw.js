// @ts-check
// Keeps the driver's page so that it opens at a checkpoint without a network: its own files
// (network first, so a new version arrives as soon as the phone is online) and the last answer of
// `GET /v1/shared-passes/<secret>` for each link opened here. When the network fails, that copy is
// answered with the header x-epass-offline-copy, and the page says how old it is. A link the
// server no longer knows (404: withdrawn, replaced, expired) loses its copy at once.
// scripts/build-pages.mjs rewrites CACHE and SHELL with the build's hashed files.
// One block: tsconfig.web.json checks this script beside the scanner's, whose names it reuses.
{
  const CACHE = 'epass-driver-v2';
  // Unbuilt, every module the page imports is here (test/pages/offline-shells.spec.ts follows
  // the imports and compares): the first visit loaded them before this worker ran, so only what
  // it installs is there to open offline.
  const SHELL = [
    '/driver/',
    '/driver/index.html',
    '/driver/driver.js',
    '/driver/api.js',
    '/driver/dictionary.js',
    '/driver/standing.js',
    '/driver/views.js',
    '/driver/driver.css',
    '/driver/manifest.webmanifest',
    '/driver/icon-192.png',
    '/driver/icon-512.png',
    '/driver/icon-maskable-512.png',
    '/shared/common.js',
    '/shared/labels.js',
    '/shared/store.js',
    '/shared/common.css',
    '/vendor/lit-html/lit-html.js',
    '/vendor/lit-html/async-directive.js',
    '/vendor/lit-html/directive.js',
    '/vendor/lit-html/directive-helpers.js',
    '/vendor/lit-html/directives/ref.js',
  ];
  /** The passes' answers: not tied to a version of the page, so an update keeps them. */
  const DATA = 'epass-driver-passes';
  const SHARED_PASS = /^\/v1\/shared-passes\/[A-Za-z0-9_-]{22}$/;
  const FROM_CACHE_HEADER = 'x-epass-offline-copy';

  /**
   * The service worker's scope as far as this file uses it (see apps/verify-service/web/sw.js: the
   * webworker lib would clash with DOM in tsconfig.web.json).
   * @typedef {Event & { waitUntil(promise: Promise<unknown>): void }} DriverSwEvent
   * @typedef {DriverSwEvent & { readonly request: Request,
   *   respondWith(response: Response | Promise<Response>): void }} DriverSwFetchEvent
   * @typedef {{
   *   addEventListener(
   *     type: 'install' | 'activate', listener: (event: DriverSwEvent) => void): void;
   *   addEventListener(type: 'fetch', listener: (event: DriverSwFetchEvent) => void): void;
   *   skipWaiting(): Promise<void>;
   *   readonly clients: { claim(): Promise<void> };
   *   readonly location: Location;
   * }} DriverSwScope
   */
  const worker = /** @type {DriverSwScope} */ (/** @type {unknown} */ (self));

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
        .then((names) =>
          Promise.all(
            names
              .filter((n) => n.startsWith('epass-driver-') && n !== CACHE && n !== DATA)
              .map((n) => caches.delete(n)),
          ),
        )
        .then(() => worker.clients.claim()),
    );
  });

  /** The pass's answer from the network, kept; the kept one, marked, when the network fails. */
  /** @param {Request} request */
  async function sharedPass(request) {
    const key = new Request(request.url);
    const data = await caches.open(DATA);
    const options = { ignoreVary: true };
    let response;
    try {
      response = await fetch(request);
    } catch (error) {
      const kept = await data.match(key, options);
      if (!kept) throw error;
      const headers = new Headers(kept.headers);
      headers.set(FROM_CACHE_HEADER, '1');
      return new Response(await kept.blob(), { status: kept.status, headers });
    }
    if (response.ok) await data.put(key, response.clone());
    else if (response.status === 404) await data.delete(key, options);
    return response;
  }

  /**
   * The page's files: network first, the kept copy when it fails. `ignoreVary`: the answers vary
   * on Origin (CORS), which a module script's request carries and the install's did not.
   */
  /** @param {Request} request */
  function pageFile(request) {
    return fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          void caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() =>
        caches
          .match(request, { ignoreSearch: true, ignoreVary: true, cacheName: CACHE })
          .then((hit) => {
            if (hit || request.mode !== 'navigate') return hit;
            return caches.match('/driver/', { ignoreVary: true, cacheName: CACHE });
          })
          .then((hit) => hit ?? Response.error()),
      );
  }

  worker.addEventListener('fetch', (event) => {
    const url = new URL(event.request.url);
    if (event.request.method !== 'GET' || url.origin !== worker.location.origin) return;
    if (SHARED_PASS.test(url.pathname)) {
      event.respondWith(sharedPass(event.request));
      return;
    }
    if (url.pathname.startsWith('/v1/') || url.pathname.startsWith('/.well-known/')) return;
    event.respondWith(pageFile(event.request));
  });
}
