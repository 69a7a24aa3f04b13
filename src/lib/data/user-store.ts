// Keeps imported sites across reloads in IndexedDB (one record per site with
// its files). A full quota is reported as such; nothing half-written remains
// (one transaction per site).
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

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: 'site.id' });
      if (!db.objectStoreNames.contains(EXTENSIONS)) db.createObjectStore(EXTENSIONS, { keyPath: 'id' });
      if (!db.objectStoreNames.contains(POINT_LAYERS)) db.createObjectStore(POINT_LAYERS, { keyPath: 'layer.id' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened'));
  });
}

function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>, storeName = STORE): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(storeName, mode);
        const req = work(tx.objectStore(storeName));
        tx.oncomplete = () => {
          db.close();
          resolve(req.result);
        };
        const fail = () => {
          db.close();
          const err = tx.error ?? req.error;
          reject(err?.name === 'QuotaExceededError' ? new StorageFullError() : (err ?? new Error('IndexedDB transaction failed')));
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
