// A small IndexedDB store of records with an id, in a database of its own (so the imports'
// database and its versions stay as they are), shared by the programme areas and the formula
// indicators. Every record is checked on its own when read back: a damaged one is reported,
// deleted and skipped, the others are restored. A full quota is reported as StorageFullError.
import { isQuotaError, StorageFullError } from './user-store';

export interface RecordStoreOptions<T> {
  /** IndexedDB database name (one per kind of record). */
  db: string;
  store: string;
  /** What the records are, for the error message of a failed read ("programme areas"). */
  what: string;
  check: (x: unknown) => { ok: true; value: T } | { ok: false; reason: string };
  /** Called after every successful save (the start-up flag that says something is stored). */
  onSaved?: () => void;
}

export interface RecordStore<T> {
  /** Stores (or replaces) records. */
  save(records: readonly T[]): Promise<void>;
  remove(id: string): Promise<void>;
  /** Every stored record, checked; damaged ones are named in `unreadable` (and deleted). */
  load(): Promise<{ records: T[]; unreadable: { key: string; reason: string }[] }>;
}

const DB_VERSION = 1;

export function checkedRecordStore<T extends { id: string }>(opts: RecordStoreOptions<T>): RecordStore<T> {
  const { db: name, store: storeName } = opts;

  function open(): Promise<IDBDatabase> {
    return new Promise((resolve, reject) => {
      const req = indexedDB.open(name, DB_VERSION);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(storeName)) req.result.createObjectStore(storeName, { keyPath: 'id' });
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
        tx = db.transaction(storeName, mode);
        work(tx.objectStore(storeName));
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

  const remove = (id: string) => run('readwrite', (store) => store.delete(id));

  return {
    async save(records) {
      if (records.length === 0) return;
      // Plain objects: a reactive proxy cannot be cloned into IndexedDB.
      await run('readwrite', (store) => {
        for (const r of records) store.put(JSON.parse(JSON.stringify(r)) as T);
      });
      opts.onSaved?.();
    },
    remove,
    async load() {
      const db = await open();
      const entries = await new Promise<{ key: IDBValidKey; value: unknown }[]>((resolve, reject) => {
        const tx = db.transaction(storeName, 'readonly');
        const keys = tx.objectStore(storeName).getAllKeys();
        const values = tx.objectStore(storeName).getAll();
        tx.oncomplete = () => resolve(keys.result.map((key, i) => ({ key, value: values.result[i] })));
        tx.onabort = () => reject(tx.error ?? new Error(`${opts.what} could not be read`));
      }).finally(() => db.close());
      const records: T[] = [];
      const unreadable: { key: string; reason: string }[] = [];
      for (const { key, value } of entries) {
        const checked = opts.check(value);
        if (checked.ok) records.push(checked.value);
        else unreadable.push({ key: String(key), reason: checked.reason });
      }
      for (const bad of unreadable) await remove(bad.key).catch(() => undefined);
      return { records, unreadable };
    },
  };
}
