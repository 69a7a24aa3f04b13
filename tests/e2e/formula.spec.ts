import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expectOnlyOwnOrigin, waitForView } from './helpers';

expectOnlyOwnOrigin(test);

// The hand-computed figures come straight from the bundled files (not from the app): per Ortsteil
// auslaender / einwohner × 1000, per Stadtbezirk Σ auslaender / Σ einwohner × 1000 over its Ortsteile.
const dataDir = fileURLToPath(new URL('../../data/leipzig/', import.meta.url));
const csv = (file: string) => readFileSync(dataDir + file, 'utf8').trim().split('\n').map((l) => l.split(','));
const [valueHead, ...valueRows] = csv('values.csv');
const col = (name: string) => valueHead!.indexOf(name);
const parents = new Map(csv('areas.csv').slice(1).filter((r) => r[2] === 'ortsteil').map((r) => [r[0]!, r[3]!]));
const YEAR = '2023';
const rowsOf = (pred: (areaId: string) => boolean) => valueRows.filter((r) => r[col('year')] === YEAR && pred(r[col('area_id')]!));
const sum = (rows: string[][], name: string) => rows.reduce((s, r) => s + Number(r[col(name)]), 0);
const per1000 = (rows: string[][]) => (sum(rows, 'auslaender') / sum(rows, 'einwohner')) * 1000;
const de1 = (v: number) => v.toLocaleString('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const zentrum = per1000(rowsOf((id) => id === '00'));
const mitte = per1000(rowsOf((id) => parents.get(id) === '0'));

async function ranking(page: Page, id: string): Promise<string> {
  return (await page.getByTestId('ranking-row').and(page.locator(`[data-id="${id}"]`)).innerText()).replace(/\s+/g, ' ');
}

test('the calculator: suggestions as one types, an unknown name, then auslaender / einwohner * 1000 on the map at Ortsteil and Stadtbezirk level; kept after a reload; a share link brings it along', async ({ page, browser }) => {
  expect(mitte).toBeGreaterThan(50);
  expect(Math.abs(mitte - zentrum)).toBeGreaterThan(1);
  await page.goto(`./?site=leipzig&level=ortsteil&ind=einwohner&year=${YEAR}`);
  await waitForView(page, `leipzig|ortsteil|einwohner|${YEAR}`);

  await page.getByTestId('formula-new').click();
  await page.getByTestId('formula-name').fill('Ausländer je 1.000 Einwohner');
  const input = page.getByTestId('formula-input');
  await input.pressSequentially('ausl');
  // The site's indicators that match, by id and label.
  const suggestions = page.getByTestId('formula-suggestion');
  await expect(page.getByTestId('formula-suggestions')).toBeVisible();
  await expect(suggestions.first()).toHaveAttribute('data-id', 'auslaender');
  await expect(page.getByTestId('formula-suggestions')).toContainText('auslaenderanteil');
  await expect(page.getByTestId('formula-suggestions')).not.toContainText('einwohner');
  await suggestions.first().click();
  await expect(input).toHaveValue('auslaender');

  // An unknown name: a message with its position and a suggestion; nothing is saved.
  await input.pressSequentially(' / einwohnr');
  const error = page.getByTestId('formula-error');
  await expect(error).toHaveAttribute('data-kind', 'unknown-name');
  await expect(error).toContainText('„einwohnr“');
  await expect(error).toContainText('Stelle 14');
  await expect(error).toContainText('„einwohner“');
  // A unit clash.
  await input.fill('einwohner + auslaenderanteil');
  await expect(error).toHaveAttribute('data-kind', 'unit-clash');
  // A syntax error.
  await input.fill('auslaender / * einwohner');
  await expect(error).toHaveAttribute('data-kind', 'syntax');
  await expect(error).toContainText('Stelle 14');

  await input.fill('auslaender / einwohner * 1000');
  await expect(error).toHaveCount(0);
  await expect(page.getByTestId('formula-agg')).toHaveAttribute('data-kind', 'ratio');
  await expect(page.getByTestId('formula-unit')).toHaveValue('per1000');
  await page.getByTestId('formula-save').click();

  // Shown on the map at once: the Ortsteil's value is its own quotient.
  await expect(page).toHaveURL(/ind=f-[a-z0-9]+/);
  const id = /ind=(f-[a-z0-9]+)/.exec(page.url())![1]!;
  await waitForView(page, `leipzig|ortsteil|${id}|${YEAR}`);
  await expect(page.getByTestId('indicator-select')).toHaveValue(id);
  await expect.poll(() => ranking(page, '00')).toContain(de1(zentrum));
  await expect(page.getByTestId('legend')).toContainText('Eigene Berechnung: auslaender / einwohner * 1000');

  // Stadtbezirk: Σ auslaender / Σ einwohner × 1000, not a mean of the Ortsteile.
  await page.getByTestId('level-select').selectOption('stadtbezirk');
  await waitForView(page, `leipzig|stadtbezirk|${id}|${YEAR}`);
  await expect(page.getByTestId('ranking-row')).toHaveCount(10);
  await expect.poll(() => ranking(page, '0')).toContain(de1(mitte));

  // The URL names it (fx=), so a copied link brings it.
  await expect(page).toHaveURL(new RegExp(`fx=${id}~`));
  const link = page.url();

  // Kept in the browser: a reload without fx= still has it.
  await page.goto(`./?site=leipzig&level=stadtbezirk&ind=${id}&year=${YEAR}`);
  await waitForView(page, `leipzig|stadtbezirk|${id}|${YEAR}`);
  await expect.poll(() => ranking(page, '0')).toContain(de1(mitte));
  await expect(page.getByTestId('formula-item')).toHaveCount(1);

  // A fresh browser profile (nothing stored) opening the share link sees it too.
  const other = await browser.newContext();
  try {
    const fresh = await other.newPage();
    await fresh.goto(link);
    await waitForView(fresh, `leipzig|stadtbezirk|${id}|${YEAR}`);
    await expect(fresh.getByTestId('indicator-select')).toHaveValue(id);
    await expect.poll(() => ranking(fresh, '0')).toContain(de1(mitte));
    await expect(fresh.getByTestId('formula-item')).toHaveCount(1);
  } finally {
    await other.close();
  }

  // Deleted: the view leaves it, the list is empty and the URL no longer names it.
  await page.getByTestId('formula-delete').click();
  await expect(page.getByTestId('formula-item')).toHaveCount(0);
  await expect(page.getByTestId('indicator-select')).not.toHaveValue(id);
  await expect(page).not.toHaveURL(/fx=/);
});

test('division by zero shows "keine Angabe", never 0', async ({ page }) => {
  await page.goto(`./?site=leipzig&level=ortsteil&ind=einwohner&year=${YEAR}`);
  await waitForView(page, `leipzig|ortsteil|einwohner|${YEAR}`);
  await page.getByTestId('formula-new').click();
  await page.getByTestId('formula-name').fill('Null');
  await page.getByTestId('formula-input').fill('einwohner / (auslaender - auslaender)');
  await page.getByTestId('formula-save').click();
  await expect(page).toHaveURL(/ind=f-/);
  await waitForView(page, `leipzig|ortsteil|f-`);
  await expect(page.getByTestId('ranking-row').first()).toContainText('keine Angabe');
  await expect(page.getByTestId('legend')).toContainText('keine Angabe');
});

test('by keyboard: arrows and Enter take a suggestion; the open form with its list and a message has no serious axe violation', async ({ page }) => {
  await page.goto(`./?site=leipzig&level=ortsteil&ind=einwohner&year=${YEAR}&lang=en`);
  await waitForView(page, `leipzig|ortsteil|einwohner|${YEAR}`);
  await page.getByTestId('formula-new').click();
  const input = page.getByTestId('formula-input');
  await input.focus();
  await page.keyboard.type('(arbeitslose - arb');
  await expect(page.getByTestId('formula-suggestions')).toBeVisible();
  await expect(input).toHaveAttribute('aria-expanded', 'true');
  // arbeitslose_sgb2 and arbeitslosenanteil start with "arb" (arbeitslose itself is typed out).
  await page.keyboard.press('ArrowDown');
  const chosen = await page.getByTestId('formula-suggestion').and(page.locator('[aria-selected="true"]')).getAttribute('data-id');
  expect(chosen).toMatch(/^arbeitslose/);
  await page.keyboard.press('Enter');
  await expect(input).toHaveValue(`(arbeitslose - ${chosen}`);
  await expect(page.getByTestId('formula-error')).toHaveAttribute('data-kind', 'syntax');
  await expect(page.getByTestId('formula-error')).toContainText('position');
  await page.keyboard.type(') / ein');
  await expect(page.getByTestId('formula-suggestions')).toBeVisible();
  await expect(page.getByTestId('formula-error')).toHaveAttribute('data-kind', 'unknown-name');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('.maplibregl-canvas').analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('formula-suggestions')).toHaveCount(0);
});

test('a damaged stored formula indicator is named in a notice and dropped; the intact one is restored', async ({ page }) => {
  await page.goto(`./?site=leipzig&level=ortsteil&ind=einwohner&year=${YEAR}`);
  await waitForView(page, `leipzig|ortsteil|einwohner|${YEAR}`);
  // Written as the app's store would, one of them damaged (an unknown unit), plus one whose formula no longer fits.
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('quartiersatlas-formulas', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('formula-indicators', { keyPath: 'id' });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('formula-indicators', 'readwrite');
      const store = tx.objectStore('formula-indicators');
      store.put({ id: 'f-intact', site: 'leipzig', name: 'Intakt', formula: 'auslaender / einwohner * 1000', unit: 'per1000', direction: 'neutral' });
      store.put({ id: 'f-broken', site: 'leipzig', name: 'Kaputt', formula: 'auslaender / einwohner', unit: 'furlong', direction: 'neutral' });
      store.put({ id: 'f-stale', site: 'leipzig', name: 'Veraltet', formula: 'kitas / einwohner', unit: 'per1000', direction: 'neutral' });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
    localStorage.setItem('quartiersatlas.formulas', '1');
  });
  await page.goto(`./?site=leipzig&level=stadtbezirk&ind=f-intact&year=${YEAR}`);
  await waitForView(page, `leipzig|stadtbezirk|f-intact|${YEAR}`);
  await expect.poll(() => ranking(page, '0')).toContain(de1(mitte));
  const notice = page.getByTestId('storage-notice');
  await expect(notice).toContainText('f-broken');
  await expect(notice).toContainText('unknown unit');
  await expect(notice).toContainText('f-stale');
  await expect(page.getByTestId('formula-item')).toHaveCount(1);
  await expect(page.getByTestId('formula-item')).toHaveAttribute('data-id', 'f-intact');
});

test('a hostile share link: markup in the name stays text, SQL in the formula is refused and named', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const field = (s: string) => encodeURIComponent(s).replace(/~/g, '%7E');
  const name = '<img src=x onerror=alert(1)>';
  const fx = [
    ['f-html', field(name), 'per1000', 'n', '1', field('auslaender / einwohner * 1000')].join('~'),
    ['f-sql', field('SQL'), 'count', 'n', '', field("einwohner'); DROP TABLE observations; --")].join('~'),
  ].join('|');
  await page.goto(`./?site=leipzig&level=stadtbezirk&ind=f-html&year=${YEAR}&fx=${encodeURIComponent(fx)}`);
  await waitForView(page, `leipzig|stadtbezirk|f-html|${YEAR}`);
  await expect.poll(() => ranking(page, '0')).toContain(de1(mitte));
  await expect(page.getByTestId('formula-item')).toHaveCount(1);
  await expect(page.getByTestId('formula-item')).toContainText(name);
  await expect(page.getByTestId('storage-notice')).toContainText('f-sql');
  // The data are intact: another indicator still shows.
  await page.getByTestId('indicator-select').selectOption('einwohner');
  await waitForView(page, `leipzig|stadtbezirk|einwohner|${YEAR}`);
  await expect(page.getByTestId('ranking-row')).toHaveCount(10);
  expect(dialogs).toEqual([]);
});
