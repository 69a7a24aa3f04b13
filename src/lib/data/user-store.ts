// Keeps imported sites across reloads in IndexedDB (one record per site with
// its files). A full quota is reported as such; nothing half-written remains
// (one transaction per site). Reading back checks every record on its own: a
// damaged one is skipped and reported (by name where it still has one), the
// others are restored.
import type { TableExtension, UserPointLayer, UserSite } from './user-data';

const DB_NAME = 'quartiersatlas';
const STORE = 'user-sites';
const EXTENSIONS = 'table-extensions';
const POINT_LAYERS = 'point-layers';
/** Version 3 added imported point layers; older databases are upgraded in place (their stores kept). */
const DB_VERSION = 3;

export class StorageFullError extends Error {
  constructor() {
    super('storage full');
  }
}

/** The database was written by a newer version of the app (it cannot be opened at DB_VERSION). */
export class StorageVersionError extends Error {
  constructor() {
    super('stored data from a newer version');
  }
}

/** How long opening may wait for another tab that holds the database at an older version. */
const BLOCKED_TIMEOUT_MS = 8000;

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    let timer: ReturnType<typeof setTimeout> | undefined;
    req.onupgradeneeded = () => {
      // Versions 1 and 2 lack the newer stores: they are added, the old ones (and their records) kept.
      const db = req.result;
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: 'site.id' });
      if (!db.objectStoreNames.contains(EXTENSIONS)) db.createObjectStore(EXTENSIONS, { keyPath: 'id' });
      if (!db.objectStoreNames.contains(POINT_LAYERS)) db.createObjectStore(POINT_LAYERS, { keyPath: 'layer.id' });
    };
    // Another tab still has the older version open: wait a while (it is asked to close), then give up.
    req.onblocked = () => {
      timer = setTimeout(() => reject(new Error('IndexedDB upgrade blocked by another tab')), BLOCKED_TIMEOUT_MS);
    };
    req.onsuccess = () => {
      clearTimeout(timer);
      const db = req.result;
      // A newer version opened in another tab: let it upgrade.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    req.onerror = () => {
      clearTimeout(timer);
      reject(req.error?.name === 'VersionError' ? new StorageVersionError() : (req.error ?? new Error('IndexedDB could not be opened')));
    };
  });
}

/** A full quota, however the browser reports it (the name, or the legacy codes of Chrome/Safari and Firefox). */
export function isQuotaError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { name?: unknown; code?: unknown };
  return e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED' || e.code === 22 || e.code === 1014;
}

function storageError(err: unknown): Error {
  if (isQuotaError(err)) return new StorageFullError();
  return err instanceof Error ? err : new Error(err === null || err === undefined ? 'IndexedDB transaction failed' : String(err));
}

function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>, storeName = STORE): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        let tx: IDBTransaction;
        let req: IDBRequest<T>;
        try {
          tx = db.transaction(storeName, mode);
          req = work(tx.objectStore(storeName));
        } catch (err) {
          // Thrown at once (a full quota in some browsers, a value that cannot be stored).
          db.close();
          reject(storageError(err));
          return;
        }
        tx.oncomplete = () => {
          db.close();
          resolve(req.result);
        };
        const fail = () => {
          db.close();
          reject(storageError(tx.error ?? req.error));
        };
        tx.onerror = fail;
        tx.onabort = fail;
      }),
  );
}

// A synchronous hint for the start-up: is there anything to restore?
const FLAG = 'quartiersatlas.imports';

export function hasStoredImports(): boolean {
  try {
    return localStorage.getItem(FLAG) === '1';
  } catch {
    return false;
  }
}

function markStored(): void {
  try {
    localStorage.setItem(FLAG, '1');
  } catch {
    // No localStorage: imports are still restored, only after the first map.
  }
}

export async function saveUserSite(entry: UserSite): Promise<void> {
  await run('readwrite', (store) => store.put(entry));
  markStored();
}

export function loadUserSites(): Promise<UserSite[]> {
  return run('readonly', (store) => store.getAll() as IDBRequest<UserSite[]>);
}

export function deleteUserSite(id: string): Promise<unknown> {
  return run('readwrite', (store) => store.delete(id));
}

export async function saveExtension(ext: TableExtension): Promise<void> {
  await run('readwrite', (store) => store.put(ext), EXTENSIONS);
  markStored();
}

export function loadExtensions(): Promise<TableExtension[]> {
  return run('readonly', (store) => store.getAll() as IDBRequest<TableExtension[]>, EXTENSIONS);
}

export function deleteExtension(id: string): Promise<unknown> {
  return run('readwrite', (store) => store.delete(id), EXTENSIONS);
}

export async function savePointLayer(entry: UserPointLayer): Promise<void> {
  await run('readwrite', (store) => store.put(entry), POINT_LAYERS);
  markStored();
}

export function loadPointLayers(): Promise<UserPointLayer[]> {
  return run('readonly', (store) => store.getAll() as IDBRequest<UserPointLayer[]>, POINT_LAYERS);
}

export function deletePointLayer(id: string): Promise<unknown> {
  return run('readwrite', (store) => store.delete(id), POINT_LAYERS);
}

// Reading back: every record checked on its own.

export type StoreName = typeof STORE | typeof EXTENSIONS | typeof POINT_LAYERS;

/** A stored record that could not be restored. */
export interface UnreadableRecord {
  store: StoreName;
  /** Its key in the store (null when a whole store could not be read). */
  key: IDBValidKey | null;
  /** Its name where the record still has one (the import's label or file name), else its key. */
  name: string;
  /** What is wrong with it (English, for the console and tests). */
  reason: string;
}

export interface StoredData {
  sites: UserSite[];
  extensions: TableExtension[];
  pointLayers: UserPointLayer[];
  unreadable: UnreadableRecord[];
}

type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const isText = (x: unknown): boolean => isRecord(x) && typeof x.de === 'string';
const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isNonEmptyString = (x: unknown): x is string => typeof x === 'string' && x !== '';

/** File contents as bytes: a Uint8Array, or an ArrayBuffer or other typed array (older records); null otherwise. */
export function asBytes(x: unknown): Uint8Array | null {
  if (x instanceof Uint8Array) return x;
  if (x instanceof ArrayBuffer) return new Uint8Array(x);
  if (ArrayBuffer.isView(x)) return new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
  return null;
}

/** Why a stored indicator cannot be used, or null. */
function indicatorProblem(x: unknown, i: number): string | null {
  if (!isRecord(x)) return `indicator ${i + 1} is not an object`;
  if (!isNonEmptyString(x.id)) return `indicator ${i + 1} has no id`;
  if (!isText(x.label)) return `indicator "${x.id}" has no label`;
  if (typeof x.unit !== 'string' || !isFiniteNumber(x.decimals)) return `indicator "${x.id}" has no unit`;
  if (!Array.isArray(x.years) || x.years.length === 0 || !x.years.every((y) => Number.isInteger(y))) return `indicator "${x.id}" has no years`;
  if (!isRecord(x.agg) || typeof x.agg.type !== 'string') return `indicator "${x.id}" has no aggregation`;
  return null;
}

/** The name a record goes by: the import's label or file name, else null. */
export function recordName(x: unknown): string | null {
  if (!isRecord(x)) return null;
  const label = (t: unknown) => (isRecord(t) && isNonEmptyString(t.de) ? t.de : null);
  if (isRecord(x.site)) return label(x.site.label);
  if (isRecord(x.layer)) return label(x.layer.label) ?? (isNonEmptyString(x.fileName) ? x.fileName : null);
  return isNonEmptyString(x.fileName) ? x.fileName : null;
}

/** A stored imported site, checked: the site, its source, and bytes for every file it reads. */
export function checkUserSite(x: unknown): Checked<UserSite> {
  if (!isRecord(x) || !isRecord(x.site)) return { ok: false, reason: 'not a site record' };
  const site = x.site;
  if (!isNonEmptyString(site.id) || !site.id.startsWith('user-')) return { ok: false, reason: 'the site has no id' };
  if (!isText(site.label)) return { ok: false, reason: 'the site has no name' };
  if (!Array.isArray(site.bounds) || site.bounds.length !== 4 || !site.bounds.every(isFiniteNumber)) return { ok: false, reason: 'the site has no extent' };
  if (!Array.isArray(site.levels) || site.levels.length === 0) return { ok: false, reason: 'the site has no levels' };
  for (const level of site.levels as unknown[]) {
    if (!isRecord(level) || !isNonEmptyString(level.id) || !isNonEmptyString(level.geometry) || !isFiniteNumber(level.count)) {
      return { ok: false, reason: 'a level of the site is incomplete' };
    }
  }
  if (!isNonEmptyString(site.areas) || !isNonEmptyString(site.values) || !isNonEmptyString(site.geometrySource)) return { ok: false, reason: 'the site names no files' };
  if (!isRecord(site.defaults) || typeof site.defaults.level !== 'string' || typeof site.defaults.ind !== 'string' || !isFiniteNumber(site.defaults.year)) {
    return { ok: false, reason: 'the site has no default view' };
  }
  if (!Array.isArray(site.indicators) || site.indicators.length === 0) return { ok: false, reason: 'the site has no indicators' };
  for (const [i, ind] of (site.indicators as unknown[]).entries()) {
    const problem = indicatorProblem(ind, i);
    if (problem) return { ok: false, reason: problem };
  }
  if (!isRecord(x.source)) return { ok: false, reason: 'the source is missing' };
  if (!isRecord(x.files)) return { ok: false, reason: 'the files are missing' };
  const files: Record<string, Uint8Array> = {};
  for (const [path, value] of Object.entries(x.files)) {
    const bytes = asBytes(value);
    if (!bytes) return { ok: false, reason: `the file "${path}" is not binary data` };
    files[path] = bytes;
  }
  const needed = [site.areas, site.values, ...(site.levels as { geometry: string }[]).map((l) => l.geometry)];
  const missing = needed.find((path) => path.startsWith('user/') && !(path in files));
  if (missing) return { ok: false, reason: `the file "${missing}" is missing` };
  return {
    ok: true,
    value: { ...(x as unknown as UserSite), files, created: typeof x.created === 'string' ? x.created : '' },
  };
}

/** A stored table added to a site, checked. */
export function checkExtension(x: unknown): Checked<TableExtension> {
  if (!isRecord(x)) return { ok: false, reason: 'not a table record' };
  if (!isNonEmptyString(x.id) || !isNonEmptyString(x.siteId)) return { ok: false, reason: 'the table has no id or site' };
  if (!isNonEmptyString(x.file) || !isNonEmptyString(x.sourceKey) || !isRecord(x.source)) return { ok: false, reason: 'the table names no file or source' };
  if (!Array.isArray(x.indicators) || x.indicators.length === 0) return { ok: false, reason: 'the table has no indicators' };
  for (const [i, ind] of (x.indicators as unknown[]).entries()) {
    const problem = indicatorProblem(ind, i);
    if (problem) return { ok: false, reason: problem };
  }
  const bytes = asBytes(x.bytes);
  if (!bytes) return { ok: false, reason: 'the values are not binary data' };
  return {
    ok: true,
    value: { ...(x as unknown as TableExtension), bytes, fileName: typeof x.fileName === 'string' ? x.fileName : x.file, created: typeof x.created === 'string' ? x.created : '' },
  };
}

/** A stored point layer, checked. */
export function checkPointLayer(x: unknown): Checked<UserPointLayer> {
  if (!isRecord(x) || !isRecord(x.layer)) return { ok: false, reason: 'not a point layer record' };
  const layer = x.layer;
  if (!isNonEmptyString(layer.id) || !isNonEmptyString(layer.site) || !isNonEmptyString(layer.file)) return { ok: false, reason: 'the layer has no id, site or file' };
  if (!isText(layer.label) || !Array.isArray(layer.categories) || !isRecord(layer.source)) return { ok: false, reason: 'the layer description is incomplete' };
  const bytes = asBytes(x.bytes);
  if (!bytes) return { ok: false, reason: 'the points are not binary data' };
  return {
    ok: true,
    value: {
      ...(x as unknown as UserPointLayer),
      layer: { ...(layer as unknown as UserPointLayer['layer']), notes: isText(layer.notes) ? (layer.notes as UserPointLayer['layer']['notes']) : { de: '', en: '' } },
      bytes,
      fileName: typeof x.fileName === 'string' ? x.fileName : layer.file,
      created: typeof x.created === 'string' ? x.created : '',
    },
  };
}

/** Sorts records into the usable (checked) and the unreadable ones. */
export function sortRecords<T>(
  store: StoreName,
  entries: readonly { key: IDBValidKey; value: unknown }[],
  check: (x: unknown) => Checked<T>,
): { ok: T[]; unreadable: UnreadableRecord[] } {
  const ok: T[] = [];
  const unreadable: UnreadableRecord[] = [];
  for (const { key, value } of entries) {
    let checked: Checked<T>;
    try {
      checked = check(value);
    } catch (err) {
      checked = { ok: false, reason: err instanceof Error ? err.message : String(err) };
    }
    if (checked.ok) ok.push(checked.value);
    else unreadable.push({ store, key, name: recordName(value) ?? String(key), reason: checked.reason });
  }
  return { ok, unreadable };
}

/** Every record of one store with its key; rejects when the store cannot be read at all. */
function readAll(db: IDBDatabase, storeName: StoreName): Promise<{ key: IDBValidKey; value: unknown }[]> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(storeName, 'readonly');
    const store = tx.objectStore(storeName);
    const keys = store.getAllKeys();
    const values = store.getAll();
    tx.oncomplete = () => resolve(keys.result.map((key, i) => ({ key, value: values.result[i] })));
    tx.onabort = () => reject(tx.error ?? new Error(`"${storeName}" could not be read`));
  });
}

/**
 * Everything stored, each record checked: damaged ones are listed in
 * `unreadable` (and left in the storage, see deleteUnreadable), the rest is
 * returned. A store that cannot be read at all is one unreadable entry; the
 * other stores are still read. Rejects only when the database cannot be
 * opened (no IndexedDB, blocked, or StorageVersionError).
 */
export async function loadStoredData(): Promise<StoredData> {
  const db = await open();
  try {
    const data: StoredData = { sites: [], extensions: [], pointLayers: [], unreadable: [] };
    const read = async <T>(storeName: StoreName, check: (x: unknown) => Checked<T>): Promise<T[]> => {
      try {
        const sorted = sortRecords(storeName, await readAll(db, storeName), check);
        data.unreadable.push(...sorted.unreadable);
        return sorted.ok;
      } catch (err) {
        data.unreadable.push({ store: storeName, key: null, name: storeName, reason: err instanceof Error ? err.message : String(err) });
        return [];
      }
    };
    data.sites = await read(STORE, checkUserSite);
    data.extensions = await read(EXTENSIONS, checkExtension);
    data.pointLayers = await read(POINT_LAYERS, checkPointLayer);
    return data;
  } finally {
    db.close();
  }
}

/** Removes records that could not be restored (at the user's request). */
export async function deleteUnreadable(records: readonly UnreadableRecord[]): Promise<void> {
  for (const r of records) {
    if (r.key === null) continue;
    await run('readwrite', (store) => store.delete(r.key!), r.store);
  }
}
