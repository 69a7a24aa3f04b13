import { test, expect, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { expectOnlyOwnOrigin, waitForView } from './helpers';

// Faults of the browser's storage: damaged records, a full quota, a database of
// an older (or newer) version, unreadable saved views. Each is recovered from
// with a message, and nothing else is lost.
expectOnlyOwnOrigin(test);

const fixture = (path: string) => fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url));

/** Imports the shapefile fixture as a site named `label` and waits for its map. */
async function importSite(page: Page, label: string): Promise<string> {
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-input').setInputFiles(fixture('import/ortsteile_25833.zip'));
  await expect(page.getByTestId('import-summary')).toHaveAttribute('data-matched', '4');
  await page.getByTestId('import-label').fill(label);
  await page.getByTestId('import-confirm').click();
  await expect(page).toHaveURL(/site=user-/);
  await waitForView(page, 'user-');
  return new URL(page.url()).searchParams.get('site')!;
}

/** Imports the statistics table fixture onto Leipzig's Ortsteile (indicator einwohner_, 2022). */
async function importTable(page: Page): Promise<void> {
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-input').setInputFiles(fixture('tables/lost-zeros.csv'));
  await expect(page.getByTestId('import-summary')).toHaveAttribute('data-matched', '63');
  await page.getByTestId('import-year').fill('2022');
  await page.getByTestId('import-confirm').click();
  await expect(page).toHaveURL(/ind=einwohner_&/);
}

const siteOptions = (page: Page) => page.getByTestId('site-select').locator('option');

/** Runs `work` on the app's IndexedDB (opened at its current version) inside the page. */
async function storeRecords(page: Page, records: { store: string; value: unknown }[]): Promise<void> {
  await page.evaluate(async (list) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('quartiersatlas');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    for (const { store, value } of list) {
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(store, 'readwrite');
        tx.objectStore(store).put(value);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
    }
    db.close();
  }, records);
}

test('damaged records are named in a message, the other imports are restored, and the damaged ones can be deleted', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./?site=leipzig');
  await waitForView(page, 'leipzig|ortsteil|');
  const siteId = await importSite(page, 'Südliche Ortsteile');

  // Garbage in each store: a site whose files are text, a table without bytes, a point layer without anything.
  await storeRecords(page, [
    {
      store: 'user-sites',
      value: {
        site: { id: 'user-kaputt', label: { de: 'Kaputte Gebiete', en: 'Broken areas' }, levels: [] },
        files: { 'user/user-kaputt/areas.geojson': 'kein Binärinhalt' },
      },
    },
    { store: 'table-extensions', value: { id: 'ext-kaputt', siteId: 'leipzig', fileName: 'kaputt.csv', indicators: 'none' } },
    { store: 'point-layers', value: { layer: { id: 'upts-kaputt' }, bytes: 42 } },
  ]);
  await page.reload();
  await waitForView(page, `${siteId}|`);

  const notice = page.getByTestId('storage-notice').filter({ hasText: 'Kaputte Gebiete' });
  await expect(notice).toHaveAttribute('data-kind', 'unreadable');
  await expect(notice).toContainText('„Kaputte Gebiete“ (Gebiete)');
  await expect(notice).toContainText('„kaputt.csv“ (Tabelle)');
  await expect(notice).toContainText('„upts-kaputt“ (Punkte)');
  await expect(notice).toContainText('Alle übrigen eigenen Daten sind geladen');
  // The good import is there, the broken one is not in the catalog.
  await expect(siteOptions(page).filter({ hasText: 'Südliche Ortsteile' })).toHaveCount(1);
  await expect(siteOptions(page).filter({ hasText: 'Kaputte Gebiete' })).toHaveCount(0);
  await expect(page.getByTestId('ranking-row')).toHaveCount(4);

  // Delete the damaged entries: gone after a reload, the good import stays.
  await page.getByTestId('storage-discard').click();
  await expect(page.getByTestId('storage-notice')).toHaveCount(0);
  await page.reload();
  await waitForView(page, `${siteId}|`);
  await expect(page.getByTestId('storage-notice')).toHaveCount(0);
  await expect(siteOptions(page).filter({ hasText: 'Südliche Ortsteile' })).toHaveCount(1);
  const left = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const req = indexedDB.open('quartiersatlas');
      req.onsuccess = () => resolve(req.result);
    });
    const count = (store: string) =>
      new Promise<number>((resolve) => {
        const req = db.transaction(store).objectStore(store).count();
        req.onsuccess = () => resolve(req.result);
      });
    const counts = [await count('user-sites'), await count('table-extensions'), await count('point-layers')];
    db.close();
    return counts;
  });
  expect(left).toEqual([1, 0, 0]);
});

test('a full quota on import: a clear message, the import works for the session, nothing stored before is lost', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./?site=leipzig');
  await waitForView(page, 'leipzig|ortsteil|');
  await importSite(page, 'Südliche Ortsteile');

  // From now on every write to IndexedDB fails as a full disk does: the transaction aborts with QuotaExceededError.
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const req = put.apply(this, args);
      const tx = this.transaction;
      Object.defineProperty(tx, 'error', { value: new DOMException('The quota has been exceeded.', 'QuotaExceededError') });
      tx.abort();
      return req;
    };
  });
  await page.goto('./?site=leipzig');
  await waitForView(page, 'leipzig|ortsteil|');
  await expect(siteOptions(page).filter({ hasText: 'Südliche Ortsteile' })).toHaveCount(1);

  await importTable(page);
  await waitForView(page, 'leipzig|ortsteil|einwohner_|2022');
  // The message beside the map (the dialog has closed) says what happened and what to do.
  const full = page.getByTestId('storage-notice').filter({ hasText: 'Speicher des Browsers ist voll' });
  await expect(full).toHaveAttribute('data-kind', 'full');
  await expect(full).toContainText('nur bis zum Schließen der Seite verfügbar');
  // The table works in this session.
  const counts = await page.getByTestId('legend-class').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(63);
  await page.getByTestId('import-open').click();
  await expect(page.getByTestId('my-data')).toContainText('Speicher des Browsers ist voll');
  await page.keyboard.press('Escape');

  // After a reload the table is gone (it could not be stored); the site imported before is still there.
  await page.goto('./?site=leipzig');
  await waitForView(page, 'leipzig|ortsteil|');
  await expect(page.getByTestId('indicator-select').locator('option[value="einwohner_"]')).toHaveCount(0);
  await expect(siteOptions(page).filter({ hasText: 'Südliche Ortsteile' })).toHaveCount(1);
  await expect(page.getByTestId('error-toast')).toHaveCount(0);
});

/** Re-creates the app's database at an older version (only the stores it had), with the records stored now. */
async function downgrade(page: Page, version: 1 | 2): Promise<void> {
  await page.evaluate(async (v) => {
    const open = (version?: number, upgrade?: (db: IDBDatabase) => void) =>
      new Promise<IDBDatabase>((resolve, reject) => {
        const req = version ? indexedDB.open('quartiersatlas', version) : indexedDB.open('quartiersatlas');
        if (upgrade) req.onupgradeneeded = () => upgrade(req.result);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    const all = (db: IDBDatabase, store: string) =>
      new Promise<unknown[]>((resolve) => {
        const req = db.transaction(store).objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result);
      });
    const current = await open();
    const sites = await all(current, 'user-sites');
    const tables = await all(current, 'table-extensions');
    current.close();
    await new Promise((resolve, reject) => {
      const req = indexedDB.deleteDatabase('quartiersatlas');
      req.onsuccess = resolve;
      req.onerror = reject;
    });
    // Version 1: imported sites only; version 2: and tables added to sites. Records as they were
    // then: without the later "created" field, file contents as ArrayBuffers.
    const old = await open(v, (db) => {
      db.createObjectStore('user-sites', { keyPath: 'site.id' });
      if (v >= 2) db.createObjectStore('table-extensions', { keyPath: 'id' });
    });
    await new Promise<void>((resolve, reject) => {
      const tx = old.transaction(v >= 2 ? ['user-sites', 'table-extensions'] : ['user-sites'], 'readwrite');
      for (const s of sites as { files: Record<string, Uint8Array | ArrayBuffer>; created?: string }[]) {
        const files = Object.fromEntries(Object.entries(s.files).map(([k, b]) => [k, b instanceof ArrayBuffer ? b : b.slice().buffer]));
        tx.objectStore('user-sites').put({ ...s, files, created: undefined });
      }
      if (v >= 2) for (const t of tables) tx.objectStore('table-extensions').put(t);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    old.close();
  }, version);
}

async function dbVersion(page: Page): Promise<{ version: number; stores: string[] }> {
  return page.evaluate(async () => {
    const dbs = await indexedDB.databases();
    const db = await new Promise<IDBDatabase>((resolve) => {
      const req = indexedDB.open('quartiersatlas');
      req.onsuccess = () => resolve(req.result);
    });
    const out = { version: dbs.find((d) => d.name === 'quartiersatlas')?.version ?? db.version, stores: [...db.objectStoreNames].sort() };
    db.close();
    return out;
  });
}

test('a database of an older version (1 or 2) is upgraded in place with its data', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto('./?site=leipzig');
  await waitForView(page, 'leipzig|ortsteil|');
  const siteId = await importSite(page, 'Südliche Ortsteile');
  await page.goto('./?site=leipzig');
  await waitForView(page, 'leipzig|ortsteil|');
  await importTable(page);
  await waitForView(page, 'leipzig|ortsteil|einwohner_|2022');

  // Version 2 (sites and tables): both come back, the database is at version 3 with all stores.
  await downgrade(page, 2);
  expect((await dbVersion(page)).version).toBe(2);
  await page.reload();
  await waitForView(page, 'leipzig|ortsteil|einwohner_|2022');
  await expect(siteOptions(page).filter({ hasText: 'Südliche Ortsteile' })).toHaveCount(1);
  expect(await dbVersion(page)).toEqual({ version: 3, stores: ['point-layers', 'table-extensions', 'user-sites'] });
  await expect(page.getByTestId('storage-notice')).toHaveCount(0);

  // Version 1 (sites only).
  await downgrade(page, 1);
  expect((await dbVersion(page)).stores).toEqual(['user-sites']);
  await page.goto(`./?site=${siteId}`);
  await waitForView(page, `${siteId}|`);
  await expect(page.getByTestId('ranking-row')).toHaveCount(4);
  await expect(page.getByTestId('ranking')).toContainText('Lößnig');
  expect(await dbVersion(page)).toEqual({ version: 3, stores: ['point-layers', 'table-extensions', 'user-sites'] });
  await expect(page.getByTestId('storage-notice')).toHaveCount(0);

  // Imports still work and are kept in the upgraded database.
  await page.goto('./?site=leipzig');
  await waitForView(page, 'leipzig|ortsteil|');
  await importTable(page);
  await page.goto('./?site=leipzig&ind=einwohner_&year=2022');
  await waitForView(page, 'leipzig|ortsteil|einwohner_|2022');
});

test('a database from a newer version: a message, the app works, the data is left alone', async ({ page }) => {
  await page.goto('./?site=leipzig');
  await waitForView(page, 'leipzig|ortsteil|');
  await page.evaluate(async () => {
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open('quartiersatlas', 7);
      // The app has created its database (version 3) on the first visit: a newer app adds a store.
      req.onupgradeneeded = () => req.result.createObjectStore('something-new', { keyPath: 'id' });
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
      req.onerror = () => reject(req.error);
    });
    localStorage.setItem('quartiersatlas.imports', '1');
  });
  await page.reload();
  await waitForView(page, 'leipzig|ortsteil|');
  await expect(page.getByTestId('storage-notice')).toHaveAttribute('data-kind', 'newer');
  await expect(page.getByTestId('storage-notice')).toContainText('neueren Version');
  expect((await dbVersion(page)).version).toBe(7);
  await page.getByTestId('indicator-select').selectOption('auslaenderanteil');
  await waitForView(page, 'leipzig|ortsteil|auslaenderanteil|');
});

test('unreadable saved views: a message, the app works, and the text is kept aside', async ({ page }) => {
  await page.goto('./?site=leipzig');
  await waitForView(page, 'leipzig|ortsteil|');

  // Not JSON at all.
  await page.evaluate(() => localStorage.setItem('quartiersatlas.views', '{"version":1,"views":[{"id":'));
  await page.reload();
  await waitForView(page, 'leipzig|ortsteil|');
  await expect(page.getByTestId('views-recovered')).toContainText('konnten nicht gelesen werden');
  expect(await page.evaluate(() => localStorage.getItem('quartiersatlas.views.unreadable'))).toBe('{"version":1,"views":[{"id":');
  await page.getByTestId('save-view').click();
  await expect(page.getByTestId('views-item')).toHaveCount(1);

  // JSON, but one entry is no view: the others are listed, the one left out is reported.
  await page.evaluate(() => {
    localStorage.removeItem('quartiersatlas.views.unreadable');
    localStorage.setItem(
      'quartiersatlas.views',
      JSON.stringify({ version: 1, views: [{ id: 'a', title: 'Gut', query: '?site=leipzig&ind=einwohner&year=2022' }, { title: 'ohne Abfrage' }, 17] }),
    );
  });
  await page.reload();
  await waitForView(page, 'leipzig|ortsteil|');
  await expect(page.getByTestId('views-item')).toHaveCount(1);
  await expect(page.getByTestId('storage-notice')).toHaveAttribute('data-kind', 'views');
  await expect(page.getByTestId('storage-notice')).toContainText('2 Eintrag/Einträge');
  expect(await page.evaluate(() => localStorage.getItem('quartiersatlas.views.unreadable'))).toContain('ohne Abfrage');
  await page.getByTestId('views-show').click();
  await waitForView(page, 'leipzig|ortsteil|einwohner|2022');
});
