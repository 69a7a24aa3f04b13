// Offline availability: registers the service worker (src/sw.ts, built into
// sw.js by vite-plugin-pwa) once the first view is done, follows its
// lifecycle and the precache progress it reports, and exposes the result as
// runes for components/OfflineStatus.svelte.
//
// The plain Service Worker API is used rather than workbox-window: it is a few
// dozen lines, costs nothing in the initial bundle, and (unlike workbox-window)
// also follows a worker that was already installing when this page loaded
// (a reload or a second tab during the first, 56 MB precache).

export type OfflineState = 'unsupported' | 'caching' | 'ready' | 'update' | 'error';
/** Why the state is 'unsupported' or 'error' (selects the explanation). */
export type OfflineReason = 'dev' | 'browser' | 'blocked' | 'failed';

/** Messages exchanged with src/sw.ts (same literals there). */
const PROGRESS = 'offline:progress';
const ASK_PROGRESS = 'offline:ask-progress';
const SKIP_WAITING = 'SKIP_WAITING';

/** Once the engine is ready the wasm is in the HTTP cache; if it never gets ready, register anyway after this long. */
const ENGINE_WAIT_MS = 30_000;

interface ProgressMessage {
  type: typeof PROGRESS;
  done: number;
  total: number;
}

function isProgress(data: unknown): data is ProgressMessage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === PROGRESS;
}

class OfflineStatus {
  state = $state<OfflineState>('caching');
  reason = $state<OfflineReason | null>(null);
  /** Bytes precached so far and in all, while the service worker installs (null before it reported). */
  done = $state<number | null>(null);
  total = $state<number | null>(null);
  /** 0..1 while caching, null when unknown. */
  readonly progress = $derived(this.done !== null && this.total ? Math.min(1, this.done / this.total) : null);

  private started = false;
  private registration: ServiceWorkerRegistration | null = null;
  private readonly watched = new WeakSet<ServiceWorker>();
  private hadController = false;
  private reloading = false;

  /** Starts once (idempotent): checks support, then registers after the first view. */
  start(): void {
    if (this.started) return;
    this.started = true;
    void this.run();
  }

  /** The 'update' button: activates the waiting version and reloads into it. */
  applyUpdate(): void {
    const waiting = this.registration?.waiting;
    if (!waiting) {
      // Already active (another tab switched to it): a reload suffices.
      location.reload();
      return;
    }
    this.reloading = true;
    // Reload when it is active: on 'controllerchange' (see run()) or, should this
    // page not be controlled, when the worker reports 'activated'.
    waiting.addEventListener('statechange', () => {
      if (waiting.state === 'activated') this.reload();
    });
    waiting.postMessage({ type: SKIP_WAITING });
  }

  private reload(): void {
    if (!this.reloading) return;
    this.reloading = false;
    location.reload();
  }

  private async run(): Promise<void> {
    // `vite` dev serves no service worker (devOptions disabled in vite.config.ts).
    if (!import.meta.env.PROD) return this.set('unsupported', 'dev');
    if (!('serviceWorker' in navigator)) return this.set('unsupported', 'browser');
    const container = navigator.serviceWorker;
    const scope = import.meta.env.BASE_URL;
    this.hadController = Boolean(container.controller);
    container.addEventListener('message', (event) => {
      if (!isProgress(event.data)) return;
      this.done = event.data.done;
      this.total = event.data.total;
    });
    container.startMessages();
    container.addEventListener('controllerchange', () => {
      if (this.reloading) return this.reload();
      // The first visit's worker taking over (clients.claim) is no update; a new
      // version activated from another tab is: this page still runs the old one.
      if (this.hadController) this.set('update');
      this.hadController = true;
    });

    // A returning visit: the worker is there already, say so at once.
    let existing: ServiceWorkerRegistration | undefined;
    try {
      existing = await container.getRegistration(scope);
    } catch {
      existing = undefined;
    }
    if (existing) this.track(existing);

    // The first visit: register only when the map is shown and the engine has
    // loaded (the 34 MB wasm then comes from the HTTP cache instead of being
    // downloaded twice at once), and the browser is idle.
    await afterFirstView();
    try {
      const registration = await container.register(`${scope}sw.js`, { scope });
      // Playwright's serviceWorkers: 'block' replaces register() with a no-op.
      if (!registration) return this.set('unsupported', 'blocked');
      this.track(registration);
    } catch {
      if (!this.registration?.active) this.set('error', 'failed');
    }
  }

  private track(registration: ServiceWorkerRegistration): void {
    if (this.registration !== registration) {
      this.registration = registration;
      registration.addEventListener('updatefound', () => {
        this.done = null;
        this.watch(registration.installing);
        this.evaluate();
      });
    }
    this.watch(registration.installing);
    this.watch(registration.waiting);
    // Installing since before this page loaded: ask how far it is.
    registration.installing?.postMessage({ type: ASK_PROGRESS });
    this.evaluate();
  }

  private watch(worker: ServiceWorker | null): void {
    if (!worker || this.watched.has(worker)) return;
    this.watched.add(worker);
    worker.addEventListener('statechange', () => this.evaluate());
  }

  private evaluate(): void {
    const r = this.registration;
    if (!r || this.state === 'update') return;
    if (r.active && r.waiting) this.set('update');
    // An active worker has completed its precache: this version works offline
    // (even while a newer one installs in the background).
    else if (r.active) this.set('ready');
    else if (r.installing || r.waiting) this.set('caching');
    // Neither installing nor active: the first install failed (network, storage).
    else this.set('error', 'failed');
  }

  private set(state: OfflineState, reason: OfflineReason | null = null): void {
    this.state = state;
    this.reason = reason;
  }
}

/** Waits for `load`, the engine (or ENGINE_WAIT_MS) and an idle moment. */
async function afterFirstView(): Promise<void> {
  if (document.readyState !== 'complete') {
    await new Promise<void>((resolve) => window.addEventListener('load', () => resolve(), { once: true }));
  }
  await waitForMark('atlas:db-ready', ENGINE_WAIT_MS);
  await new Promise<void>((resolve) => {
    if ('requestIdleCallback' in window) requestIdleCallback(() => resolve(), { timeout: 5000 });
    else setTimeout(resolve, 1000);
  });
}

function waitForMark(name: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (performance.getEntriesByName(name, 'mark').length > 0) return resolve();
    const finish = () => {
      clearTimeout(timer);
      observer.disconnect();
      resolve();
    };
    const timer = setTimeout(finish, timeoutMs);
    const observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName(name, 'mark').length > 0) finish();
    });
    observer.observe({ type: 'mark' });
  });
}

/** One per page: the service worker and its state are the page's, not a component's. */
export const offline = new OfflineStatus();
