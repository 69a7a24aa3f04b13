// Presentation mode (URL ?mode=present&slide=N): the saved views one after
// another, full screen, stepped with the keys a presentation clicker sends.
//
// `mode=present` is not a view mode of url.ts: App.svelte calls prepareStart()
// before the view store reads the URL, which replaces the URL with the slide's view
// query; the presentation then writes ?mode=present&slide=N itself.

import type { Lang } from '../i18n';
import type { App } from './app.svelte';
import { serializeViewState } from './url';
import {
  savedViewsStore,
  siteOfQuery,
  titleOfCurrentView,
  withLang,
  type Camera,
  type SavedView,
  type SavedViews,
} from './saved-views.svelte';

/** Fade of the map out and in around a view change (each way); matches app.css. */
export const FADE_MS = 250;
/** How long a slide waits for its map before it is faded in anyway. */
const PAINT_TIMEOUT_MS = 15_000;

export interface Slide {
  id: string;
  title: string;
  notes: string;
  query: string;
  camera: Camera | null;
}

/** Where a presentation opened by URL (reload, shared link) starts: 0-based slide index. */
export interface PresentStart {
  index: number;
}

export type PresentAction = 'next' | 'prev' | 'first' | 'last' | 'exit' | 'notes' | 'blank' | 'fullscreen';

/** The action of a key (clickers send PageDown/PageUp, some arrows, '.'/'b' for a black screen). */
export function keyAction(key: string, shift = false): PresentAction | null {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
    case 'Enter':
      return 'next';
    case ' ':
      return shift ? 'prev' : 'next';
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
    case 'Backspace':
      return 'prev';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'Escape':
      return 'exit';
    case 'n':
    case 'N':
      return 'notes';
    case 'b':
    case 'B':
    case '.':
      return 'blank';
    case 'f':
    case 'F':
      return 'fullscreen';
    default:
      return null;
  }
}

/** `?mode=present&slide=N` → slide N (1-based; 1 when missing or malformed); null without mode=present. */
export function readPresentParams(search: string): { slide: number; lang: Lang | null } | null {
  const q = new URLSearchParams(search);
  if (q.get('mode') !== 'present') return null;
  const raw = q.get('slide') ?? '';
  const slide = /^\d{1,4}$/.test(raw) && Number(raw) >= 1 ? Number(raw) : 1;
  const lang = q.get('lang');
  return { slide, lang: lang === 'de' || lang === 'en' ? lang : null };
}

/** The URL of a slide (1-based) while presenting. */
export function presentSearch(slide: number, lang: Lang): string {
  return `?mode=present&slide=${slide}&lang=${lang}`;
}

/** The query without the presentation's own parameters. */
export function stripPresent(search: string): string {
  const parts = search.replace(/^\?/, '').split('&').filter((p) => p !== '' && !/^(mode|slide)=/.test(p));
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/**
 * Call before `new App()`: with mode=present in the URL, puts the slide's
 * view query in the URL (history.replaceState) for the view store to start from,
 * and returns where the presentation starts; null otherwise.
 */
export function prepareStart(views: readonly SavedView[] = savedViewsStore().list): PresentStart | null {
  if (typeof location === 'undefined') return null;
  watchHistory();
  const params = readPresentParams(location.search);
  if (!params) return null;
  const index = views.length === 0 ? 0 : Math.min(params.slide, views.length) - 1;
  const view = views[index];
  let query = view ? view.query : stripPresent(location.search);
  if (params.lang) query = withLang(query, params.lang);
  history.replaceState(history.state, '', `${location.pathname}${query}${location.hash}`);
  return { index };
}

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The presentation's state and steps; one per app (see presentationFor). */
export class Presentation {
  active = $state(false);
  /** The slide asked for (0-based; the counter shows it at once, the map follows). */
  index = $state(0);
  notesOpen = $state(false);
  /** Black screen (B or '.', as in slide software). */
  blank = $state(false);
  /** The map is faded out while it changes. */
  fading = $state(false);
  /** The document is in full screen. */
  fullscreen = $state(false);
  /** The slide the map shows (-1 = none yet). */
  private shown = -1;
  private running = false;
  private generation = 0;
  private enteredFullscreen = false;
  private returnFocus: HTMLElement | null = null;
  private readonly app: App;
  readonly store: SavedViews;

  /** Without saved views the current view is presented alone. */
  readonly onlyCurrent: boolean;
  readonly slides: readonly Slide[];
  /** The slide asked for. */
  readonly slide: Slide | undefined;

  constructor(app: App, store: SavedViews = savedViewsStore()) {
    this.app = app;
    this.store = store;
    this.onlyCurrent = $derived(this.store.list.length === 0);
    this.slides = $derived(
      this.store.list.length > 0
        ? this.store.list
        : [{ id: 'current', title: titleOfCurrentView(this.app.views), notes: '', query: serializeViewState(this.app.views.view), camera: null }],
    );
    this.slide = $derived(this.slides[Math.min(this.index, this.slides.length - 1)]);
  }

  /**
   * Starts at slide `index`. `fullscreen` only from a click (browsers refuse it otherwise);
   * `fromUrl`: the view store already starts from the slide's view (prepareStart), only its camera is applied.
   */
  start(index = 0, { fullscreen = false, fromUrl = false }: { fullscreen?: boolean; fromUrl?: boolean } = {}): void {
    if (this.active) return;
    if (fullscreen) this.requestFullscreen();
    const active = document.activeElement;
    this.returnFocus = active instanceof HTMLElement && active !== document.body ? active : null;
    this.generation++;
    this.active = true;
    this.notesOpen = false;
    this.blank = false;
    this.fading = false;
    this.index = Math.max(0, Math.min(index, this.slides.length - 1));
    this.shown = fromUrl || this.onlyCurrent ? this.index : -1;
    this.writeUrl();
    void this.follow(fromUrl);
  }

  /** Ends the presentation: the normal view of the current slide, its query in the URL. */
  stop(): void {
    if (!this.active) return;
    this.generation++;
    this.active = false;
    this.fading = false;
    this.blank = false;
    const slide = this.slide;
    // Left mid-step, before the map changed: the slide the counter showed.
    if (slide && this.shown !== this.index && !this.onlyCurrent) {
      this.app.views.showQuery(withLang(slide.query, this.app.views.view.lang), { write: false });
      const camera = slide.camera;
      if (camera) void this.app.shown.whenViewPainted().then(() => this.app.map.moveCamera(camera));
    }
    history.replaceState(history.state, '', `${location.pathname}${serializeViewState(this.app.views.view)}${location.hash}`);
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    this.enteredFullscreen = false;
    const back = this.returnFocus;
    this.returnFocus = null;
    if (back?.isConnected) queueMicrotask(() => back.focus());
  }

  go(index: number): void {
    if (!this.active) return;
    const next = Math.max(0, Math.min(index, this.slides.length - 1));
    if (next === this.index) return;
    this.index = next;
    this.writeUrl();
    void this.follow(false);
  }

  next(): void {
    this.go(this.index + 1);
  }

  prev(): void {
    this.go(this.index - 1);
  }

  act(action: PresentAction): void {
    if (!this.active) return;
    // A black screen comes back with any key (as in slide software); Esc still ends.
    if (this.blank && action !== 'exit') {
      this.blank = false;
      return;
    }
    switch (action) {
      case 'next':
        return this.next();
      case 'prev':
        return this.prev();
      case 'first':
        return this.go(0);
      case 'last':
        return this.go(this.slides.length - 1);
      case 'exit':
        return this.stop();
      case 'notes':
        this.notesOpen = !this.notesOpen;
        return;
      case 'blank':
        this.blank = true;
        return;
      case 'fullscreen':
        if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
        else this.requestFullscreen();
        return;
    }
  }

  /** Keyboard (window, capture phase): returns whether the key was used. */
  onKey(e: KeyboardEvent): boolean {
    if (!this.active || e.altKey || e.ctrlKey || e.metaKey) return false;
    const action = keyAction(e.key, e.shiftKey);
    if (!action) return false;
    const target = e.target instanceof Element ? e.target : null;
    // Typing stays typing; Enter and Space on a focused button do what the button says.
    if (target?.closest('input, textarea, select, [contenteditable="true"]')) return false;
    if ((e.key === 'Enter' || e.key === ' ') && target?.closest('button, a[href], summary')) return false;
    e.preventDefault();
    e.stopPropagation();
    // A held key would race through the slides.
    if (!e.repeat) this.act(action);
    return true;
  }

  /** Called on fullscreenchange: leaving full screen (Esc in most browsers) ends the presentation. */
  onFullscreenChange(): void {
    this.fullscreen = document.fullscreenElement !== null;
    if (this.fullscreen) this.enteredFullscreen = true;
    else if (this.enteredFullscreen && this.active) this.stop();
  }

  requestFullscreen(): void {
    const root = document.documentElement;
    if (!document.fullscreenEnabled || document.fullscreenElement || typeof root.requestFullscreen !== 'function') return;
    root.requestFullscreen().catch(() => undefined);
  }

  /** ?mode=present&slide=N&lang=… (replaced, not pushed: back leaves the presentation). */
  writeUrl(): void {
    if (!this.active) return;
    const search = presentSearch(this.index + 1, this.app.views.view.lang);
    if (location.search !== search) history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
  }

  /** Brings the map to the asked-for slide, one step at a time; later key presses take over. */
  /** The slide's saved area fitted into the presentation's map box; without a saved camera, the whole site. */
  private applyCamera(camera: SavedView['camera'], animate: boolean): void {
    if (camera) this.app.map.moveCamera(camera, { animate });
    else this.app.map.fitBounds(this.app.views.site.bounds);
  }

  private async follow(fromUrl: boolean): Promise<void> {
    if (this.running) return;
    this.running = true;
    const gen = this.generation;
    try {
      if (fromUrl) {
        const camera = this.slide?.camera;
        await this.app.shown.whenViewPainted(PAINT_TIMEOUT_MS);
        if (gen === this.generation) this.applyCamera(camera ?? null, false);
      }
      while (this.active && gen === this.generation && this.shown !== this.index) {
        const target = this.index;
        if (await this.showSlide(target, gen)) this.shown = target;
        if (gen !== this.generation) return;
      }
    } finally {
      this.running = false;
      // stop() and start() in quick succession: the new presentation continues.
      if (this.active && gen !== this.generation) void this.follow(false);
    }
  }

  /** Fades the map out, shows the slide's view, applies its camera and fades in; false if another slide was asked for meanwhile. */
  private async showSlide(target: number, gen: number): Promise<boolean> {
    const slide = this.slides[target];
    if (!slide) return true;
    const motion = !prefersReducedMotion();
    if (motion && !this.fading) {
      this.fading = true;
      await sleep(FADE_MS);
      if (gen !== this.generation) return false;
    }
    // Another key meanwhile: go straight there (the map is already faded out).
    if (this.index !== target) return false;
    const sameSite = siteOfQuery(slide.query) === this.app.views.view.site;
    this.app.views.showQuery(withLang(slide.query, this.app.views.view.lang), { write: false });
    this.writeUrl();
    await this.app.shown.whenViewPainted(PAINT_TIMEOUT_MS);
    if (gen !== this.generation) return false;
    this.applyCamera(slide.camera, motion && sameSite);
    this.fading = false;
    return true;
  }
}

const controllers = new WeakMap<App, Presentation>();
let latest: Presentation | null = null;
let watching = false;

/**
 * Back/forward to an entry with ?mode=present (the URL a presentation left behind) opens the
 * presentation at that slide. Registered before the view store's own popstate listener (prepareStart
 * runs before `new Atlas()`), so that the view store never reads mode=present as a view.
 */
function watchHistory(): void {
  if (watching) return;
  watching = true;
  window.addEventListener('popstate', (e) => {
    const params = readPresentParams(location.search);
    if (!params || !latest) return;
    e.stopImmediatePropagation();
    if (latest.active) latest.go(params.slide - 1);
    else latest.start(params.slide - 1);
  });
}

/** The presentation of the app (the views panel starts it, the overlay shows it). */
export function presentationFor(app: App): Presentation {
  let p = controllers.get(app);
  if (!p) {
    p = new Presentation(app);
    controllers.set(app, p);
  }
  latest = p;
  return p;
}
