// The area catalogue ("Gebietskatalog") as a user makes it: from "Export & Teilen", the
// PDF of all 63 Ortsteile (contents + one page per Ortsteil, text searchable: read back
// with pdf.js), made in a worker with a progress bar while the page stays usable; the
// DOCX of the selected areas from the profile (a zip with word/document.xml); cancel.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { unzip } from 'but-unzip';
import AxeBuilder from '@axe-core/playwright';
import { expectOnlyOwnOrigin, waitForView, withoutBundledProgrammeAreas } from './helpers';

expectOnlyOwnOrigin(test);
withoutBundledProgrammeAreas(test);

async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' ').replace(/\u00a0/g, ' '));
  }
  return pages;
}

/** Records the longest main-thread task from now on (PerformanceObserver 'longtask'). */
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __longest: number; __tasks: string[] };
    w.__longest = 0;
    w.__tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        w.__longest = Math.max(w.__longest, e.duration);
        w.__tasks.push(`${e.startTime.toFixed(0)}+${e.duration.toFixed(0)}`);
      }
    }).observe({ type: 'longtask' });
  });
}

const longest = (page: Page) => page.evaluate(() => (window as unknown as { __longest: number }).__longest);

async function openCatalog(page: Page, view: string): Promise<void> {
  await page.goto(view);
  await waitForView(page, 'leipzig|ortsteil|');
  await page.getByTestId('export-open').click();
  await page.getByTestId('catalog-open').click();
  await expect(page.getByTestId('catalog-dialog')).toBeVisible();
  await expect(page.getByTestId('catalog-scope-all')).toBeVisible();
}

test('the catalogue PDF of all 63 Ortsteile: contents and one page per Ortsteil, searchable, made while the page stays usable', async ({ page }) => {
  test.setTimeout(180_000);
  await openCatalog(page, './?site=leipzig&ind=auslaenderanteil&year=2023');
  await expect(page.getByTestId('catalog-scope-all')).toBeChecked();
  await expect(page.getByTestId('catalog-dialog')).toContainText('Alle Ortsteile (63)');
  await watchLongTasks(page);
  const started = Date.now();
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByTestId('catalog-make').click();
  await expect(page.getByTestId('catalog-progress')).toBeVisible();
  await expect(page.getByTestId('catalog-cancel')).toBeVisible();
  const file = await download;
  const seconds = (Date.now() - started) / 1000;
  const maxTask = await longest(page);
  const marks = await page.evaluate(() => [
    ...performance.getEntriesByType('measure').filter((m) => m.name.startsWith('atlas:catalog')).map((m) => `${m.name} ${m.startTime.toFixed(0)}+${m.duration.toFixed(0)}`),
    `tasks ${(window as unknown as { __tasks: string[] }).__tasks.join(' ')}`,
  ]);
  console.log(`catalogue PDF of 63 Ortsteile: ${seconds.toFixed(1)} s; longest main-thread task ${maxTask.toFixed(0)} ms; ${marks.join('; ')}`);
  expect(file.suggestedFilename()).toBe('gebietskatalog-leipzig-ortsteil-2023.pdf');
  await expect(page.getByTestId('catalog-done')).toContainText('64 Seiten');
  await expect(page.getByTestId('catalog-progress')).toHaveCount(0);

  const bytes = new Uint8Array(readFileSync((await file.path())!));
  expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
  const pages = await pdfPages(bytes);
  expect(pages).toHaveLength(64);
  expect(pages[0]).toContain('Gebietskatalog: Leipzig – Ortsteile');
  expect(pages[0]).toContain('Inhalt');
  // Every Ortsteil has its page, in the order of the contents.
  const lindenau = pages.findIndex((p) => p.startsWith('Lindenau '));
  expect(lindenau).toBeGreaterThan(0);
  expect(pages[lindenau]).toContain(`Seite ${lindenau + 1} von 64`);
  expect(pages[lindenau]).toMatch(/Ausländeranteil\s+%\s+\d+,\d %/);
  expect(pages[lindenau]).toMatch(/liegt Lindenau mit \d+,\d %/);
  expect(pages.filter((p) => p.includes('Seite ')).length).toBe(64);
  // The figure the screen shows for Lindenau (the ranking's value) is in the PDF.
  expect(pages[lindenau]).toContain('14,3 %'); // the city's Ausländeranteil 2023, from counts
});

test('the DOCX of the selected areas from the profile: a valid zip whose word/document.xml names them', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./?site=leipzig&ind=auslaenderanteil&year=2023&mode=profile&sel=00,01');
  await waitForView(page, 'leipzig|ortsteil|');
  await page.getByTestId('profile-catalog').click();
  await expect(page.getByTestId('catalog-dialog')).toBeVisible();
  await expect(page.getByTestId('catalog-scope-selected')).toBeChecked();
  await expect(page.getByTestId('catalog-dialog')).toContainText('Ausgewählte Gebiete (2)');
  await page.getByTestId('catalog-format-docx').check();
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByTestId('catalog-make').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('gebietskatalog-leipzig-ortsteil-2023.docx');
  const bytes = new Uint8Array(readFileSync((await file.path())!));
  const entries = unzip(bytes);
  const names = entries.map((e) => e.filename);
  expect(names).toContain('[Content_Types].xml');
  const doc = entries.find((e) => e.filename === 'word/document.xml')!;
  const xml = new TextDecoder().decode(await doc.read());
  expect(xml).toContain('>Zentrum<');
  expect(xml).toContain('>Zentrum-Ost<');
  expect(xml).not.toContain('>Lindenau<');
  // The maps and sparklines are images (SVG with a PNG fallback, drawn in the worker).
  expect(names.some((n) => n.startsWith('word/media/') && n.endsWith('.svg'))).toBe(true);
  expect(names.some((n) => n.startsWith('word/media/') && n.endsWith('.png'))).toBe(true);
});

test('cancel stops the catalogue: no file, the dialog is ready again', async ({ page }) => {
  test.setTimeout(120_000);
  await openCatalog(page, './?site=leipzig&ind=auslaenderanteil&year=2023');
  let downloads = 0;
  page.on('download', () => downloads++);
  // At once (while the figures are gathered) …
  await page.getByTestId('catalog-make').click();
  await expect(page.getByTestId('catalog-progress')).toBeVisible();
  await page.getByTestId('catalog-cancel').click();
  await expect(page.getByTestId('catalog-done')).toHaveText('Abgebrochen.');
  await expect(page.getByTestId('catalog-progress')).toHaveCount(0);
  await expect(page.getByTestId('catalog-cancel')).toHaveCount(0);
  await expect(page.getByTestId('catalog-make')).toBeEnabled();
  // … and while the worker lays out the pages.
  await page.getByTestId('catalog-make').click();
  await expect(page.getByTestId('catalog-dialog')).toContainText('Seiten werden gesetzt');
  await page.getByTestId('catalog-cancel').click();
  await expect(page.getByTestId('catalog-done')).toHaveText('Abgebrochen.');
  await expect(page.getByTestId('catalog-progress')).toHaveCount(0);
  await expect(page.getByTestId('catalog-make')).toBeEnabled();
  // Long enough for the whole catalogue to have finished, had it not been stopped.
  await page.waitForTimeout(15_000);
  expect(downloads).toBe(0);
  await expect(page.getByTestId('catalog-done')).toHaveText('Abgebrochen.');
});

test('programme areas from a share link: one page each, figures from counts', async ({ page }) => {
  test.setTimeout(120_000);
  await openCatalog(page, './?site=leipzig&ind=auslaenderanteil&year=2023&pa=pa-zx81~Leipziger%2520Osten~esf-plus~2021~00,01,02~e69f00');
  await expect(page.getByTestId('catalog-scope-programme')).toBeVisible();
  await expect(page.getByTestId('catalog-dialog')).toContainText('Programmgebiete (1)');
  await page.getByTestId('catalog-scope-programme').check();
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByTestId('catalog-make').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('gebietskatalog-leipzig-programmgebiet-2023.pdf');
  const pages = await pdfPages(new Uint8Array(readFileSync((await file.path())!)));
  expect(pages).toHaveLength(2);
  expect(pages[0]).toContain('Leipziger Osten');
  expect(pages[1]).toMatch(/^Leipziger Osten /);
  // The union of Ortsteile 00, 01, 02: 6,986 foreigners of 23,784 residents in 2023.
  expect(pages[1]).toContain('23.784');
  expect(pages[1]).toContain('29,4 %');
});

test('10,786 Gemeinden are too many for one catalogue: the dialog says so; two selected Gemeinden make one', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./?site=gemeinden&sel=14713000,11000000');
  await waitForView(page, 'gemeinden|gemeinde|');
  await page.getByTestId('export-open').click();
  await page.getByTestId('catalog-open').click();
  await expect(page.getByTestId('catalog-scope-all')).toBeChecked();
  await expect(page.getByTestId('catalog-too-many')).toContainText('10786');
  await expect(page.getByTestId('catalog-make')).toBeDisabled();
  await page.getByTestId('catalog-scope-selected').check();
  await expect(page.getByTestId('catalog-too-many')).toHaveCount(0);
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByTestId('catalog-make').click();
  const pages = await pdfPages(new Uint8Array(readFileSync((await (await download).path())!)));
  expect(pages).toHaveLength(3);
  expect(pages[1]).toMatch(/^Berlin, Stadt /);
  expect(pages[2]).toMatch(/^Leipzig, Stadt /);
  expect(pages[2]).toContain('bundesweiten Wert');
});

test('axe: the catalogue dialog (with the key-figure list, and after a run) has no serious or critical violation', async ({ page }) => {
  await openCatalog(page, './?site=leipzig&ind=auslaenderanteil&year=2023&sel=00');
  await page.getByTestId('catalog-all-indicators').uncheck();
  const check = async () => {
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).include('[data-testid="catalog-dialog"]').analyze();
    return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  };
  expect(await check()).toEqual([]);
  await page.getByTestId('catalog-scope-selected').check();
  await page.getByTestId('catalog-make').click();
  await expect(page.getByTestId('catalog-done')).toBeVisible({ timeout: 60_000 });
  expect(await check()).toEqual([]);
});
