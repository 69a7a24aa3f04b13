// Service worker (built by vite-plugin-pwa, strategy injectManifest, into sw.js
// next to index.html). It precaches the whole app (HTML, JS, CSS, DuckDB's
// wasm and worker, MapLibre's worker, every bundled data file and the icons)
// during `install`, so that after the first visit the app works offline, and
// reports how far that is to the pages (src/lib/state/offline.svelte.ts).
import { addPlugins, cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import type { PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { RangeRequestsPlugin } from 'workbox-range-requests';

/** A precache entry; `bytes` is added at build time (vite.config.ts) to weigh the progress. */
type Entry = PrecacheEntry & { bytes?: number };

declare let self: ServiceWorkerGlobalScope;

/** Messages between the pages and this worker (the same literals are in offline.svelte.ts). */
const PROGRESS = 'offline:progress';
const ASK_PROGRESS = 'offline:ask-progress';
const SKIP_WAITING = 'SKIP_WAITING'; // what workbox-window sends, kept for compatibility

// Replaced at build time by the list of files (objects, never plain strings).
const manifest = self.__WB_MANIFEST as Entry[];

// Progress is counted in bytes: the wasm alone is more than half of it.
const weightOf = (e: Entry) => Math.max(e.bytes ?? 0, 1024);
const weights = new Map(manifest.map((e) => [new URL(e.url, self.location.href).href, weightOf(e)]));
const total = manifest.reduce((sum, e) => sum + weightOf(e), 0);
let done = 0;
let lastSent = 0;

async function report(force = false): Promise<void> {
  // At most ~10 messages a second: the small files come in bursts.
  const now = Date.now();
  if (!force && now - lastSent < 100) return;
  lastSent = now;
  // Uncontrolled pages, too: on the first visit no page is controlled yet.
  const pages = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const page of pages) page.postMessage({ type: PROGRESS, done, total });
}

addPlugins([
  {
    // Runs once per precache entry during install, whether it was fetched or already cached
    // (an update only downloads what changed; a failed install resumes where it stopped).
    handlerDidComplete: async ({ request, event }) => {
      if (event.type !== 'install') return;
      done = Math.min(total, done + (weights.get(request.url) ?? 0));
      await report(done >= total);
    },
  },
]);

// The pre-built vector tiles (*.pmtiles) are read by range requests: precached whole, a request with a
// Range header is answered from the cache with 206 and just those bytes.
addPlugins([new RangeRequestsPlugin()]);

precacheAndRoute(manifest);
cleanupOutdatedCaches();

// The view lives in the query string (?site=…&ind=…): every navigation in scope
// is answered with the precached index.html. bench.html (not precached, never
// linked by the app) goes to the network.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/\/bench\.html(\?|$)/] }));

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const type = (event.data as { type?: unknown } | null)?.type;
  // A page loaded while this worker installs asks where it stands.
  if (type === ASK_PROGRESS) event.source?.postMessage({ type: PROGRESS, done, total });
  // 'prompt' update flow: a new version waits until the user asks for it.
  if (type === SKIP_WAITING) void self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  // The page of the first visit was loaded from the network with the same
  // files: take it over at once, so its later lazy chunks and data files come
  // from the cache (it keeps working if the network goes away). After an
  // update, activation only happens when the user reloaded (or closed all tabs).
  event.waitUntil(self.clients.claim());
});
