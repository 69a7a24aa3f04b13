import { describe, expect, it } from 'vitest';
import {
  CORRUPT_KEY,
  FORMAT_VERSION,
  STORAGE_KEY,
  SavedViews,
  addView,
  defaultTitle,
  moveView,
  normalizeCamera,
  parseViews,
  removeView,
  serializeViews,
  showSavedView,
  updateView,
  withLang,
  type SavedView,
  type StorageLike,
} from '../../src/lib/state/saved-views.svelte';
import { keyAction, presentSearch, readPresentParams, stripPresent } from '../../src/lib/state/presentation.svelte';

/** A Storage in memory; `full` makes every write fail as a full quota does. */
class MemoryStorage implements StorageLike {
  readonly data = new Map<string, string>();
  full = false;
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.full) throw Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError', code: 22 });
    this.data.set(key, value);
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
}

const Q1 = '?site=leipzig&level=ortsteil&ind=arbeitslosenanteil&year=2022&from=2000&to=2022&cls=quantile&k=5&lang=de';
const Q2 = '?site=kreise&level=land&ind=auslaenderanteil&year=2015&from=1995&to=2015&cls=jenks&k=4&lang=de';
const Q3 = '?site=leipzig&level=stadtbezirk&ind=einwohner&year=2010&from=2000&to=2010&cls=quantile&k=5&lang=en';
const CAM = { center: [12.37, 51.34] as [number, number], zoom: 12.5, bearing: 0 };

function view(id: string, query = Q1): SavedView {
  return { id, title: `T ${id}`, notes: '', query, camera: null, created: '2024-05-01T10:00:00.000Z' };
}

describe('pure list operations', () => {
  const list = [view('a'), view('b'), view('c')];

  it('adds at the end, renames, moves and removes without touching the input', () => {
    expect(addView(list, view('d')).map((v) => v.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(updateView(list, 'b', { title: 'Neu' }).map((v) => v.title)).toEqual(['T a', 'Neu', 'T c']);
    expect(moveView(list, 'c', -1).map((v) => v.id)).toEqual(['a', 'c', 'b']);
    expect(moveView(list, 'a', 1).map((v) => v.id)).toEqual(['b', 'a', 'c']);
    expect(moveView(list, 'a', -5).map((v) => v.id)).toEqual(['a', 'b', 'c']);
    expect(moveView(list, 'a', 99).map((v) => v.id)).toEqual(['b', 'c', 'a']);
    expect(moveView(list, 'nope', 1).map((v) => v.id)).toEqual(['a', 'b', 'c']);
    expect(removeView(list, 'b').map((v) => v.id)).toEqual(['a', 'c']);
    expect(list.map((v) => v.id)).toEqual(['a', 'b', 'c']);
  });

  it('puts the presenter’s language into a query', () => {
    expect(withLang(Q3, 'de')).toBe(Q3.replace('lang=en', 'lang=de'));
    expect(withLang('?site=leipzig', 'en')).toBe('?site=leipzig&lang=en');
  });

  it('names a view by indicator, year, level and place', () => {
    const base = { indicator: 'Arbeitslosenanteil', year: 2022, level: 'Ortsteile', site: 'Leipzig – Ortsteile' };
    expect(defaultTitle(base, 'de')).toBe('Arbeitslosenanteil 2022 – Ortsteile Leipzig');
    expect(defaultTitle({ ...base, mode: 'change', from: 2010, to: 2022 }, 'de')).toBe('Arbeitslosenanteil 2010–2022 – Ortsteile Leipzig');
    expect(defaultTitle({ ...base, level: 'Deutschland', site: 'Deutschland – Kreise' }, 'de')).toBe('Arbeitslosenanteil 2022 – Deutschland');
    expect(defaultTitle({ ...base, indicator: 'Unemployment share', level: 'Districts (Ortsteile)', site: 'Leipzig – districts (Ortsteile)' }, 'en')).toBe(
      'Unemployment share 2022 – Districts (Ortsteile), Leipzig',
    );
  });
});

describe('serialise and parse', () => {
  it('round-trips a versioned list in order', () => {
    const list = [{ ...view('a'), camera: CAM, notes: 'Zeile 1\nZeile 2' }, view('b', Q2)];
    const text = serializeViews(list);
    expect(JSON.parse(text)).toEqual({ version: FORMAT_VERSION, views: list });
    expect(parseViews(text)).toEqual({ views: list, unreadable: false, dropped: 0 });
  });

  it('treats nothing stored as an empty list', () => {
    expect(parseViews(null)).toEqual({ views: [], unreadable: false, dropped: 0 });
    expect(parseViews('')).toEqual({ views: [], unreadable: false, dropped: 0 });
  });

  it('marks corrupt JSON and unknown (newer) versions as unreadable', () => {
    expect(parseViews('{"version":1,"views":[').unreadable).toBe(true);
    expect(parseViews('null').unreadable).toBe(true);
    expect(parseViews('"text"').unreadable).toBe(true);
    expect(parseViews(JSON.stringify({ version: 2, views: [view('a')] })).unreadable).toBe(true);
    expect(parseViews(JSON.stringify({ version: 1, views: 'x' })).unreadable).toBe(true);
  });

  it('reads the unversioned format (a bare array) and fills in missing fields', () => {
    const old = JSON.stringify([{ id: 'x1', title: 'Alt', query: Q1 }, { query: Q2 }]);
    const { views, unreadable, dropped } = parseViews(old);
    expect(unreadable).toBe(false);
    expect(dropped).toBe(0);
    expect(views[0]).toEqual({ id: 'x1', title: 'Alt', notes: '', query: Q1, camera: null, created: new Date(0).toISOString() });
    expect(views[1]!.query).toBe(Q2);
    expect(views[1]!.id).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('drops entries that are not views, repairs duplicate ids and bad cameras', () => {
    const text = JSON.stringify({
      version: 1,
      views: [
        view('a'),
        { ...view('a', Q2), camera: { center: [12, 'x'], zoom: 3 } },
        { title: 'no query' },
        { id: 'q', query: 'site=leipzig' },
        42,
        { ...view('c'), camera: { center: [12.3, 51.3], zoom: 11 } },
      ],
    });
    const { views, dropped } = parseViews(text);
    expect(dropped).toBe(3);
    expect(views).toHaveLength(3);
    expect(new Set(views.map((v) => v.id)).size).toBe(3);
    expect(views[1]!.camera).toBeNull();
    expect(views[2]!.camera).toEqual({ center: [12.3, 51.3], zoom: 11, bearing: 0 });
  });

  it('accepts only plausible cameras', () => {
    expect(normalizeCamera(CAM)).toEqual(CAM);
    expect(normalizeCamera({ center: [12, 95], zoom: 3 })).toBeNull();
    // The visible area saved with it (fitted into the map's box when shown again); a bad box is dropped, the camera kept.
    const withBounds = { ...CAM, bounds: [12.2, 51.2, 12.5, 51.45] };
    expect(normalizeCamera(withBounds)).toEqual(withBounds);
    expect(normalizeCamera({ ...CAM, bounds: [12.5, 51.2, 12.2, 51.45] })).toEqual(CAM);
    expect(normalizeCamera({ ...CAM, bounds: [12.2, 51.2, 12.5, 'x'] })).toEqual(CAM);
    expect(normalizeCamera({ ...CAM, bounds: [12.2, -95, 12.5, 51] })).toEqual(CAM);
    expect(normalizeCamera({ center: [12, 50], zoom: 40 })).toBeNull();
    expect(normalizeCamera(null)).toBeNull();
  });
});

describe('SavedViews store', () => {
  it('persists every change and reads it back in order', () => {
    const storage = new MemoryStorage();
    const store = new SavedViews(storage);
    expect(store.list).toEqual([]);
    const a = store.add({ title: 'A', query: Q1, camera: CAM });
    const b = store.add({ title: 'B', query: Q2, camera: null });
    const c = store.add({ title: 'C', query: Q3, camera: null, notes: 'n' });
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
    store.rename(b.id, 'B2');
    store.setNotes(a.id, 'Hinweis');
    store.move(c.id, -2);
    expect(store.list.map((v) => v.title)).toEqual(['C', 'A', 'B2']);

    const again = new SavedViews(storage);
    expect(again.list).toEqual(store.list);
    expect(again.list[1]).toMatchObject({ title: 'A', notes: 'Hinweis', camera: CAM, query: Q1 });
    expect(JSON.parse(storage.getItem(STORAGE_KEY)!).version).toBe(1);

    store.remove(a.id);
    expect(store.list.map((v) => v.title)).toEqual(['C', 'B2']);
    expect(new SavedViews(storage).list).toHaveLength(2);
    store.undoRemove();
    expect(store.list.map((v) => v.title)).toEqual(['C', 'A', 'B2']);
    expect(new SavedViews(storage).list.map((v) => v.title)).toEqual(['C', 'A', 'B2']);
    expect(store.error).toBeNull();
  });

  it('keeps corrupt data under another key and starts empty', () => {
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEY, '{"version":1,"views":[{"id":');
    const store = new SavedViews(storage);
    expect(store.list).toEqual([]);
    expect(store.recovered).toBe(true);
    expect(storage.getItem(CORRUPT_KEY)).toBe('{"version":1,"views":[{"id":');
    expect(storage.getItem(STORAGE_KEY)).toBeNull();
    store.add({ title: 'Neu', query: Q1, camera: null });
    expect(new SavedViews(storage).list.map((v) => v.title)).toEqual(['Neu']);
    expect(storage.getItem(CORRUPT_KEY)).toBe('{"version":1,"views":[{"id":');
  });

  it('reports a full storage and keeps the list for the session', () => {
    const storage = new MemoryStorage();
    const store = new SavedViews(storage);
    store.add({ title: 'A', query: Q1, camera: null });
    storage.full = true;
    store.add({ title: 'B', query: Q2, camera: null });
    expect(store.error).toBe('quota');
    expect(store.list.map((v) => v.title)).toEqual(['A', 'B']);
    expect(new SavedViews(storage).list.map((v) => v.title)).toEqual(['A']);
    storage.full = false;
    store.rename(store.list[1]!.id, 'B');
    expect(store.error).toBeNull();
    expect(new SavedViews(storage).list.map((v) => v.title)).toEqual(['A', 'B']);
  });

  it('works without a storage (blocked) and says so', () => {
    const store = new SavedViews(null);
    store.add({ title: 'A', query: Q1, camera: null });
    expect(store.list).toHaveLength(1);
    expect(store.error).toBe('unavailable');
    const throwing: StorageLike = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw Object.assign(new Error('denied'), { name: 'SecurityError' });
      },
      removeItem: () => undefined,
    };
    const blocked = new SavedViews(throwing);
    expect(blocked.list).toEqual([]);
    blocked.add({ title: 'A', query: Q1, camera: null });
    expect(blocked.error).toBe('unavailable');
  });
});

describe('showing a saved view', () => {
  it('shows the query in the current language, waits for the paint, then sets the camera', async () => {
    const calls: string[] = [];
    const app = {
      views: { view: { lang: 'en' as const }, showQuery: (search: string, { write }: { write: boolean }) => calls.push(`show ${search} ${write}`) },
      shown: {
        whenViewPainted: async () => {
          calls.push('painted');
          return true;
        },
      },
      map: { moveCamera: (camera: { zoom: number }, options?: { animate?: boolean }) => calls.push(`camera ${camera.zoom} ${options?.animate ?? false}`) },
    };
    expect(await showSavedView(app, { query: Q1, camera: CAM })).toBe(true);
    expect(calls).toEqual([`show ${Q1.replace('lang=de', 'lang=en')} true`, 'painted', 'camera 12.5 false']);
    calls.length = 0;
    await showSavedView(app, { query: Q2, camera: null }, { write: false });
    expect(calls).toEqual([`show ${Q2.replace('lang=de', 'lang=en')} false`, 'painted']);
  });
});

describe('presentation URL and keys', () => {
  it('reads mode=present and the 1-based slide', () => {
    expect(readPresentParams('?mode=present&slide=3&lang=en')).toEqual({ slide: 3, lang: 'en' });
    expect(readPresentParams('?mode=present')).toEqual({ slide: 1, lang: null });
    expect(readPresentParams('?mode=present&slide=0')).toEqual({ slide: 1, lang: null });
    expect(readPresentParams('?mode=present&slide=abc&lang=fr')).toEqual({ slide: 1, lang: null });
    expect(readPresentParams('?mode=change&slide=2')).toBeNull();
    expect(readPresentParams(Q1)).toBeNull();
    expect(presentSearch(2, 'de')).toBe('?mode=present&slide=2&lang=de');
    expect(stripPresent('?mode=present&slide=2&site=kreise&lang=en')).toBe('?site=kreise&lang=en');
    expect(stripPresent('?mode=present')).toBe('');
  });

  it('maps clicker and keyboard keys', () => {
    for (const key of ['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'Enter']) expect(keyAction(key)).toBe('next');
    for (const key of ['ArrowLeft', 'ArrowUp', 'PageUp']) expect(keyAction(key)).toBe('prev');
    expect(keyAction(' ', true)).toBe('prev');
    expect(keyAction('Home')).toBe('first');
    expect(keyAction('End')).toBe('last');
    expect(keyAction('Escape')).toBe('exit');
    expect(keyAction('n')).toBe('notes');
    expect(keyAction('b')).toBe('blank');
    expect(keyAction('.')).toBe('blank');
    expect(keyAction('x')).toBeNull();
  });
});
