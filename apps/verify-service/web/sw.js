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

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
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
          .then((hit) => hit ?? caches.match('/index.html')),
      ),
  );
});
