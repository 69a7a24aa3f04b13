// Keeps the user's formula indicators across reloads in IndexedDB (a database of their own, so
// the imports' database and its versions stay as they are). Every record is checked on its own
// when read back: a damaged one is reported and skipped, the others are restored. A full quota
// is reported as such.
import { isQuotaError, StorageFullError } from './user-store';
import { checkFormulaIndicator, type FormulaIndicator } from './formula-indicators';
import { markFormulaIndicatorsStored } from './formula-indicators-flag';

const DB_NAME = 'quartiersatlas-formulas';
const STORE = 'formula-indicators';
const DB_VERSION = 1;

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE, { keyPath: 'id' });
    };
    req.onsuccess = () => {
      req.result.onversionchange = () => req.result.close();
      resolve(req.result);
    };
    req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened'));
    req.onblocked = () => reject(new Error('IndexedDB blocked by another tab'));
  });
}

async function run(mode: IDBTransactionMode, work: (store: IDBObjectStore) => void): Promise<void> {
  const db = await open();
  await new Promise<void>((resolve, reject) => {
    let tx: IDBTransaction;
    try {
      tx = db.transaction(STORE, mode);
      work(tx.objectStore(STORE));
    } catch (err) {
      db.close();
      reject(isQuotaError(err) ? new StorageFullError() : err);
      return;
    }
    tx.oncomplete = () => {
      db.close();
      resolve();
    };
    const fail = () => {
      db.close();
      reject(isQuotaError(tx.error) ? new StorageFullError() : (tx.error ?? new Error('IndexedDB transaction failed')));
    };
    tx.onerror = fail;
    tx.onabort = fail;
  });
}

/** Stores (or replaces) formula indicators. */
export async function saveFormulaIndicators(list: readonly FormulaIndicator[]): Promise<void> {
  if (list.length === 0) return;
  // Plain objects: a reactive proxy cannot be cloned into IndexedDB.
  await run('readwrite', (store) => {
    for (const f of list) store.put(JSON.parse(JSON.stringify(f)) as FormulaIndicator);
  });
  markFormulaIndicatorsStored();
}

export async function deleteFormulaIndicator(id: string): Promise<void> {
  await run('readwrite', (store) => store.delete(id));
}

/** Every stored formula indicator, checked; damaged records are named in `unreadable` (and deleted). */
export async function loadFormulaIndicators(): Promise<{ list: FormulaIndicator[]; unreadable: { key: string; reason: string }[] }> {
  const db = await open();
  const entries = await new Promise<{ key: IDBValidKey; value: unknown }[]>((resolve, reject) => {
    const tx = db.transaction(STORE, 'readonly');
    const keys = tx.objectStore(STORE).getAllKeys();
    const values = tx.objectStore(STORE).getAll();
    tx.oncomplete = () => resolve(keys.result.map((key, i) => ({ key, value: values.result[i] })));
    tx.onabort = () => reject(tx.error ?? new Error('formula indicators could not be read'));
  }).finally(() => db.close());
  const list: FormulaIndicator[] = [];
  const unreadable: { key: string; reason: string }[] = [];
  for (const { key, value } of entries) {
    const checked = checkFormulaIndicator(value);
    if (checked.ok) list.push(checked.value);
    else unreadable.push({ key: String(key), reason: checked.reason });
  }
  for (const bad of unreadable) await deleteFormulaIndicator(bad.key).catch(() => undefined);
  return { list, unreadable };
}
