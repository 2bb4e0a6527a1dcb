/* global self, caches -- a service worker script (eslint has no service-worker environment here) */
// Patchroom's service worker: keeps the app shell (index.html and the hashed assets it loads)
// so a rack opened before can be opened again without a network. Data never comes from here:
// racks live in IndexedDB (y-indexeddb), session and rack details in localStorage, and /trpc,
// /api and /collab always go to the network.
const SHELL_CACHE = 'patchroom-shell-v1';
const SHELL_URL = '/';
const MAX_ASSETS = 200;

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('patchroom-') && n !== SHELL_CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || /^\/(trpc|api|collab)(\/|$)/.test(url.pathname)) return;
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(assetFirstFromCache(request));
  } else if (request.mode === 'navigate') {
    event.respondWith(pageFromNetwork(request));
  }
});

/** index.html and what it loads right away: the page the browser had before this worker ran. */
async function cacheShell() {
  const cache = await caches.open(SHELL_CACHE);
  const response = await fetch(SHELL_URL, { cache: 'no-cache' });
  if (!response.ok) return;
  const html = await response.clone().text();
  await cache.put(SHELL_URL, response);
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  await Promise.all(assets.map((asset) => cache.add(asset).catch(() => undefined)));
}

/** Hashed file names never change content: the cached copy is always right. */
async function assetFirstFromCache(request) {
  const cache = await caches.open(SHELL_CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    await cache.put(request, response.clone());
    await trim(cache);
  }
  return response;
}

/** Pages: the fresh index.html when online (remembered for later), the remembered one offline. */
async function pageFromNetwork(request) {
  const cache = await caches.open(SHELL_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && (response.headers.get('content-type') ?? '').includes('text/html')) {
      await cache.put(SHELL_URL, response.clone());
    }
    return response;
  } catch (error) {
    const shell = await cache.match(SHELL_URL);
    if (shell) return shell;
    throw error;
  }
}

/** Old builds' assets pile up across deploys: keep the most recent ones. */
async function trim(cache) {
  const keys = (await cache.keys()).filter((r) => new URL(r.url).pathname.startsWith('/assets/'));
  const excess = keys.length - MAX_ASSETS;
  for (let i = 0; i < excess; i++) await cache.delete(keys[i]);
}
