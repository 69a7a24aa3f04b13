// Saved views ("Ansichten"): the current view with a title and notes, kept in
// the browser's localStorage as versioned JSON. A view is its URL query (the
// URL is the single source of truth of a view) plus the map's camera.
//
// The pure functions (parse/serialise/add/rename/move/remove) are exported for
// tests; the SavedViews class holds the list as a rune and writes it through a
// Storage-like object (localStorage in the browser, a Map in Node).

import { translate, pick, type Lang } from '../i18n';
import type { ViewStore } from './view-store.svelte';

export interface Camera {
  center: [number, number];
  zoom: number;
  bearing: number;
  /**
   * The area visible when saved [west, south, east, north]: shown again it is fitted into the map's box,
   * so a view saved beside the sidebar shows the same area on a projector (views saved before: center and zoom).
   */
  bounds?: [number, number, number, number];
}

export interface SavedView {
  id: string;
  title: string;
  notes: string;
  /** The view's URL query ("?site=…&…"), as written by serializeViewState. */
  query: string;
  /** The map's camera when the view was saved; null if there was no map yet. */
  camera: Camera | null;
  /** When the view was saved (ISO 8601). */
  created: string;
}

/** The part of the Web Storage API the store needs. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const STORAGE_KEY = 'quartiersatlas.views';
/** Unreadable data found under STORAGE_KEY is kept here (never silently lost). */
export const CORRUPT_KEY = 'quartiersatlas.views.unreadable';
export const FORMAT_VERSION = 1;
export const MAX_TITLE = 200;
export const MAX_NOTES = 5000;

/** Why the list could not be written: 'quota' = storage full; 'unavailable' = no storage (blocked, private mode). */
export type StoreError = 'quota' | 'unavailable';

export interface ParsedViews {
  views: SavedView[];
  /** The stored text could not be read (corrupt JSON, a newer format): start empty, keep the text aside. */
  unreadable: boolean;
  /** Entries that were dropped because they were not views. */
  dropped: number;
}

/** The stored text (null = nothing stored) as a list of views; never throws. */
export function parseViews(text: string | null): ParsedViews {
  if (text === null || text.trim() === '') return { views: [], unreadable: false, dropped: 0 };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { views: [], unreadable: true, dropped: 0 };
  }
  // Version 0 (before the format was versioned): a bare array of views.
  let entries: unknown[];
  if (Array.isArray(data)) entries = data;
  else if (isRecord(data) && data.version === FORMAT_VERSION && Array.isArray(data.views)) entries = data.views;
  else return { views: [], unreadable: true, dropped: 0 };
  const views: SavedView[] = [];
  const ids = new Set<string>();
  for (const entry of entries) {
    const view = normalizeView(entry);
    if (!view) continue;
    if (ids.has(view.id)) view.id = newId(ids);
    ids.add(view.id);
    views.push(view);
  }
  return { views, unreadable: false, dropped: entries.length - views.length };
}

/** The list as stored: `{ version: 1, views: [...] }`. */
export function serializeViews(views: readonly SavedView[]): string {
  return JSON.stringify({ version: FORMAT_VERSION, views });
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isCoordinate(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** A camera from stored data, or null if it is not one. */
export function normalizeCamera(x: unknown): Camera | null {
  if (!isRecord(x) || !Array.isArray(x.center) || x.center.length !== 2) return null;
  const [lng, lat] = x.center as unknown[];
  if (!isCoordinate(lng) || !isCoordinate(lat) || !isCoordinate(x.zoom)) return null;
  if (Math.abs(lng) > 360 || Math.abs(lat) > 90 || x.zoom < 0 || x.zoom > 24) return null;
  const camera: Camera = { center: [lng, lat], zoom: x.zoom, bearing: isCoordinate(x.bearing) ? x.bearing : 0 };
  const b = x.bounds;
  if (Array.isArray(b) && b.length === 4 && b.every(isCoordinate)) {
    const [w, s, e, n] = b as number[];
    if (w! < e! && s! < n! && Math.abs(w!) <= 360 && Math.abs(e!) <= 360 && Math.abs(s!) <= 90 && Math.abs(n!) <= 90) camera.bounds = [w!, s!, e!, n!];
  }
  return camera;
}

/** One stored entry as a view (missing title, notes, camera or date filled in), or null without a query. */
function normalizeView(x: unknown): SavedView | null {
  if (!isRecord(x) || typeof x.query !== 'string') return null;
  const query = x.query.trim();
  if (!/^\?\S+$/.test(query)) return null;
  const id = typeof x.id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(x.id) ? x.id : newId(new Set());
  const created = typeof x.created === 'string' && !Number.isNaN(Date.parse(x.created)) ? x.created : new Date(0).toISOString();
  return {
    id,
    title: typeof x.title === 'string' ? x.title.slice(0, MAX_TITLE) : '',
    notes: typeof x.notes === 'string' ? x.notes.slice(0, MAX_NOTES) : '',
    query,
    camera: normalizeCamera(x.camera),
    created,
  };
}

let counter = 0;
/** A short id unique in `taken` (crypto.randomUUID needs a secure context; this does not). */
export function newId(taken: ReadonlySet<string> = new Set()): string {
  for (;;) {
    counter = (counter + 1) % 1296;
    const id = `v${Date.now().toString(36)}${counter.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    if (!taken.has(id)) return id;
  }
}

export function addView(list: readonly SavedView[], view: SavedView): SavedView[] {
  return [...list, view];
}

export function updateView(list: readonly SavedView[], id: string, patch: Partial<Pick<SavedView, 'title' | 'notes' | 'query' | 'camera'>>): SavedView[] {
  return list.map((v) => (v.id === id ? { ...v, ...patch } : v));
}

/** Moves a view by `delta` places (clamped to the list). */
export function moveView(list: readonly SavedView[], id: string, delta: number): SavedView[] {
  const from = list.findIndex((v) => v.id === id);
  if (from < 0) return list.slice();
  const to = Math.max(0, Math.min(list.length - 1, from + delta));
  const next = list.slice();
  const [view] = next.splice(from, 1);
  next.splice(to, 0, view!);
  return next;
}

export function removeView(list: readonly SavedView[], id: string): SavedView[] {
  return list.filter((v) => v.id !== id);
}

/** The query with the given UI language (a view keeps the presenter's language, not the one it was saved in). */
export function withLang(query: string, lang: Lang): string {
  const parts = query.replace(/^\?/, '').split('&').filter((p) => p !== '' && !p.startsWith('lang='));
  parts.push(`lang=${lang}`);
  return `?${parts.join('&')}`;
}

/**
 * Default title: indicator and year (a range in change and small-multiple views), level and place,
 * e.g. "Arbeitslosenanteil 2022 – Ortsteile Leipzig".
 */
export function defaultTitle(
  parts: { indicator: string; year: number; mode?: string; from?: number; to?: number; level: string; site: string },
  lang: Lang,
): string {
  const ranged = (parts.mode === 'change' || parts.mode === 'multiples') && parts.from !== undefined && parts.to !== undefined;
  const year = ranged ? `${parts.from}–${parts.to}` : String(parts.year);
  // "Leipzig – Ortsteile" → "Leipzig"; a level that is the whole place ("Deutschland") is named once.
  const place = parts.site.split(' – ')[0]!.trim();
  const key = place === '' || place === parts.level ? 'views.defaultTitleLevel' : 'views.defaultTitle';
  return translate(lang, key, { indicator: parts.indicator, year, level: parts.level, place }).slice(0, MAX_TITLE);
}

/** The default title of the view the atlas shows now (the indicator's short name where it has one). */
export function titleOfCurrentView(views: Pick<ViewStore, 'view' | 'indicator' | 'level' | 'site'>): string {
  const lang = views.view.lang;
  const { year, mode, from, to } = views.view;
  return defaultTitle(
    { indicator: pick(views.indicator.short ?? views.indicator.label, lang), year, mode, from, to, level: pick(views.level.label, lang), site: pick(views.site.label, lang) },
    lang,
  );
}

/** The site a view's query names (null if none). */
export function siteOfQuery(query: string): string | null {
  return new URLSearchParams(query).get('site');
}

function isQuotaError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { name?: unknown; code?: unknown };
  return e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED' || e.code === 22 || e.code === 1014;
}

/**
 * The saved views, in their order; every change is written at once. When the
 * storage cannot be written (full, blocked), the list still works for this
 * session and `error` says why it will not survive a reload.
 */
export class SavedViews {
  list = $state.raw<SavedView[]>([]);
  error = $state<StoreError | null>(null);
  /** Unreadable stored data was set aside under CORRUPT_KEY (shown once as a notice). */
  recovered = $state(false);
  /** Stored entries that were not views and were left out (the stored text is kept under CORRUPT_KEY). */
  dropped = $state(0);
  /** The last deleted view and its place, for undo. */
  lastRemoved = $state.raw<{ view: SavedView; index: number } | null>(null);

  constructor(private readonly storage: StorageLike | null) {
    this.load();
  }

  /** Reads the list from the storage again (another tab may have changed it). */
  load(): void {
    let text: string | null = null;
    try {
      text = this.storage?.getItem(STORAGE_KEY) ?? null;
    } catch {
      this.error = 'unavailable';
    }
    const parsed = parseViews(text);
    if (parsed.unreadable && text !== null) {
      try {
        // Keep what could not be read under another key; the list starts empty.
        this.storage?.setItem(CORRUPT_KEY, text);
        this.storage?.removeItem(STORAGE_KEY);
      } catch {
        // Could not set it aside: leave it where it is, and do not overwrite it until the user saves.
      }
      this.recovered = true;
    } else if (parsed.dropped > 0 && text !== null) {
      // Some entries are not views: the next save would lose them, so the text as it was is kept aside
      // (unless earlier unreadable data is there already).
      try {
        if (this.storage?.getItem(CORRUPT_KEY) === null) this.storage.setItem(CORRUPT_KEY, text);
      } catch {
        // Full or blocked: the readable views still work.
      }
    }
    this.dropped = parsed.dropped;
    this.list = parsed.views;
  }

  get(id: string): SavedView | undefined {
    return this.list.find((v) => v.id === id);
  }

  /** Saves a view at the end of the list and returns it. */
  add(entry: { title: string; notes?: string; query: string; camera: Camera | null }): SavedView {
    const view: SavedView = {
      id: newId(new Set(this.list.map((v) => v.id))),
      title: entry.title.slice(0, MAX_TITLE),
      notes: (entry.notes ?? '').slice(0, MAX_NOTES),
      query: entry.query,
      camera: entry.camera ? normalizeCamera(entry.camera) : null,
      created: new Date().toISOString(),
    };
    this.set(addView(this.list, view));
    return view;
  }

  rename(id: string, title: string): void {
    this.set(updateView(this.list, id, { title: title.slice(0, MAX_TITLE) }));
  }

  setNotes(id: string, notes: string): void {
    this.set(updateView(this.list, id, { notes: notes.slice(0, MAX_NOTES) }));
  }

  /** Moves a view up (delta < 0) or down the list. */
  move(id: string, delta: number): void {
    this.set(moveView(this.list, id, delta));
  }

  remove(id: string): void {
    const index = this.list.findIndex((v) => v.id === id);
    if (index < 0) return;
    this.lastRemoved = { view: this.list[index]!, index };
    this.set(removeView(this.list, id));
  }

  /** Puts the last deleted view back where it was. */
  undoRemove(): void {
    const removed = this.lastRemoved;
    if (!removed) return;
    const next = this.list.slice();
    next.splice(Math.min(removed.index, next.length), 0, removed.view);
    this.lastRemoved = null;
    this.set(next);
  }

  dismissRecovered(): void {
    this.recovered = false;
  }

  dismissDropped(): void {
    this.dropped = 0;
  }

  private set(list: SavedView[]): void {
    this.list = list;
    if (!this.storage) {
      this.error = 'unavailable';
      return;
    }
    try {
      this.storage.setItem(STORAGE_KEY, serializeViews(list));
      this.error = null;
    } catch (err) {
      this.error = isQuotaError(err) ? 'quota' : 'unavailable';
    }
  }
}

/** localStorage, or null where the browser blocks it (reading the property itself can throw). */
function browserStorage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

let shared: SavedViews | null = null;

/** The app's saved views (one store per page, on localStorage; kept in step with other tabs). */
export function savedViewsStore(): SavedViews {
  if (!shared) {
    const store = new SavedViews(browserStorage());
    shared = store;
    if (typeof window !== 'undefined') {
      window.addEventListener('storage', (e) => {
        if (e.key === STORAGE_KEY || e.key === null) store.load();
      });
    }
  }
  return shared;
}

/** What showing a view needs of the app: the view store, the painted view, the map's camera. */
export interface ViewTarget {
  views: { view: { lang: Lang }; showQuery(search: string, options: { write: boolean }): void };
  shown: { whenViewPainted(timeoutMs?: number): Promise<boolean> };
  map: { moveCamera(camera: Camera, options?: { animate?: boolean }): void };
}

/**
 * Shows a saved view in the presenter's language and resolves once the map has
 * painted it from DuckDB (false after `timeoutMs`); the camera is set after the
 * paint, because a change of site refits the map.
 */
export async function showSavedView(
  app: ViewTarget,
  view: Pick<SavedView, 'query' | 'camera'>,
  { write = true, animate = false, timeoutMs }: { write?: boolean; animate?: boolean; timeoutMs?: number } = {},
): Promise<boolean> {
  app.views.showQuery(withLang(view.query, app.views.view.lang), { write });
  const painted = await app.shown.whenViewPainted(timeoutMs);
  if (view.camera) app.map.moveCamera(view.camera, { animate });
  return painted;
}
