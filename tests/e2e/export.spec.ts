import { test, expect, type Page, type Download } from '@playwright/test';
import { readFileSync } from 'node:fs';
import readXlsxFile from 'read-excel-file/node';
import { expectOnlyOwnOrigin, waitForView } from './helpers';

expectOnlyOwnOrigin(test);

const VIEW = './?site=leipzig&ind=arbeitslosenanteil&year=2022';
const bytesOf = async (d: Download) => readFileSync((await d.path())!);

async function openExport(page: Page, view = VIEW) {
  await page.goto(view);
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  await page.getByTestId('export-open').click();
  await expect(page.getByTestId('export-dialog')).toBeVisible();
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(b: Buffer): [number, number] {
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

/**
 * Pixels of a PNG counted in the page (decoded by the browser), every `step`th pixel left of `maxX`:
 * those within 4 of one of `colors`, or (`blue`) strongly blue ones (the favourable trend arrows, #2166ac
 * blended over the map).
 */
async function countPixels(page: Page, png: Buffer, match: { colors?: string[]; blue?: boolean; step: number; maxX?: number }): Promise<number> {
  return page.evaluate(
    async ({ b64, match }) => {
      const img = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
      const c = new OffscreenCanvas(img.width, img.height);
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, img.width, img.height).data;
      const rgb = (match.colors ?? []).map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)));
      const maxX = match.maxX ?? img.width;
      let n = 0;
      for (let i = 0; i < d.length; i += 4 * match.step) {
        if ((i / 4) % img.width >= maxX) continue;
        const [r, g, b] = [d[i]!, d[i + 1]!, d[i + 2]!];
        if (match.blue ? b > 140 && b - r > 90 && b - g > 40 : rgb.some(([cr, cg, cb]) => Math.abs(r - cr!) < 4 && Math.abs(g - cg!) < 4 && Math.abs(b - cb!) < 4)) n++;
      }
      return n;
    },
    { b64: png.toString('base64'), match },
  );
}

/** Pixels of the legend's colours in a PNG (sampled every 7th pixel). */
async function legendPixels(page: Page, png: Buffer): Promise<number> {
  const colors = await page.getByTestId('legend-class').evaluateAll((els) => els.map((e) => e.getAttribute('data-color')!));
  return countPixels(page, png, { colors, step: 7 });
}

test('PNG at 1920 × 1080 and A4 landscape 300 dpi, with the map coloured as on screen', async ({ page }) => {
  test.setTimeout(120_000);
  await openExport(page);
  let download = page.waitForEvent('download');
  await page.getByTestId('export-png').click();
  const fhd = await bytesOf(await download);
  expect(pngSize(fhd)).toEqual([1920, 1080]);
  // The map in the picture has the legend's colours (sampled every 7th pixel).
  expect(await legendPixels(page, fhd)).toBeGreaterThan(10_000);

  await page.getByLabel('A4 quer, 300 dpi (Druck)').check();
  download = page.waitForEvent('download', { timeout: 90_000 });
  await page.getByTestId('export-png').click();
  const a4 = await bytesOf(await download);
  expect(pngSize(a4)).toEqual([3508, 2480]);
  // 300 dpi in the pHYs chunk: 11811 pixels per metre.
  const phys = a4.indexOf(Buffer.from('pHYs'));
  expect(phys).toBeGreaterThan(0);
  expect(a4.readUInt32BE(phys + 4)).toBe(11811);
  expect(await legendPixels(page, a4)).toBeGreaterThan(40_000);
});

test('the trend arrows are in the PNG, and explained in its legend and beside the map', async ({ page }) => {
  test.setTimeout(120_000);
  const trendView = './?site=leipzig&ind=arbeitslosenanteil&year=2022&trend=1&from=2010&to=2022';
  await openExport(page, trendView);
  // Beside the map: the legend explains the arrows (unemployment fell almost everywhere: favourable = blue).
  const key = page.getByTestId('legend-trend');
  await expect(key).toContainText('Trendpfeile 2010–2022');
  await expect(key.getByTestId('legend-trend-key')).toHaveCount(2);
  await expect(key.getByTestId('legend-trend-key').first()).toHaveAttribute('data-color', '#2166ac');
  let download = page.waitForEvent('download');
  await page.getByTestId('export-png').click();
  const withArrows = await bytesOf(await download);
  expect(pngSize(withArrows)).toEqual([1920, 1080]);

  await page.keyboard.press('Escape');
  await page.getByTestId('trend-toggle').uncheck();
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  await expect(page.getByTestId('legend-trend')).toHaveCount(0);
  await page.getByTestId('export-open').click();
  download = page.waitForEvent('download');
  await page.getByTestId('export-png').click();
  const without = await bytesOf(await download);
  // Blue only where arrows are: in the map part of the picture (the legend's swatch is further right).
  const map = 1300;
  const blue = await countPixels(page, withArrows, { blue: true, step: 3, maxX: map });
  expect(blue).toBeGreaterThan(300);
  expect(await countPixels(page, without, { blue: true, step: 3, maxX: map })).toBeLessThan(blue / 20);
});

test('CSV and XLSX of the data behind the view: the values on the map, missing as empty, metadata on a second sheet', async ({ page }) => {
  await openExport(page);
  let download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const csv = (await bytesOf(await download)).toString('utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const lines = csv.slice(1).trim().split('\r\n');
  expect(lines[0]).toMatch(/^Gebietsschlüssel;Gebiet;Jahr;Arbeitslosenanteil[^;]* \(%\)$/);
  expect(lines).toHaveLength(64);
  const zentrum = lines.find((l) => l.split(';')[1] === 'Zentrum')!;
  expect(zentrum.split(';')[0]).toBe('00');

  download = page.waitForEvent('download');
  await page.getByTestId('export-xlsx').click();
  const file = (await (await download).path())!;
  const sheets = await readXlsxFile(file);
  expect(sheets.map((s) => s.sheet)).toEqual(['Daten', 'Metadaten']);
  const data = sheets[0]!.data;
  expect(data[0]).toEqual(lines[0]!.split(';'));
  expect(data).toHaveLength(64);
  // The same value as the CSV (decimal comma there), a number here.
  const row = data.find((r) => r[1] === 'Zentrum')!;
  expect(typeof row[3] === 'number' || row[3] === null).toBe(true);
  expect(String(row[3] ?? '').replace('.', ',')).toBe(zentrum.split(';')[3]);
  const meta = sheets[1]!.data.map((r) => r.join(' | ')).join('\n');
  expect(meta).toContain('Lizenz');
  expect(meta).toContain('Leere Zelle = keine Angabe (nicht 0)');
  expect(meta).toContain('site=leipzig');
});

test('share link and embed snippet; an embedded static map shows map and legend only', async ({ page }) => {
  await openExport(page);
  const url = await page.getByTestId('share-url').inputValue();
  expect(url).toContain('ind=arbeitslosenanteil');
  await page.getByTestId('embed-interactive').uncheck();
  const snippet = await page.getByTestId('embed-snippet').inputValue();
  expect(snippet).toMatch(/^<iframe src="[^"]*embed=static[^"]*"/);
  const src = /src="([^"]+)"/.exec(snippet)![1]!.replace(/&amp;/g, '&');
  await page.goto(src);
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  await expect(page.getByTestId('legend')).toBeVisible();
  await expect(page.getByTestId('import-open')).toBeHidden();
  await expect(page.getByTestId('indicator-select')).toBeHidden();
});

test('a chart as SVG: standalone, with a title and inlined styles', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=arbeitslosenanteil&year=2022&sel=00');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  const download = page.waitForEvent('download');
  await page.getByTestId('export-svg').first().click();
  const svg = (await bytesOf(await download)).toString('utf8');
  expect(svg).toMatch(/^(<\?xml[^>]*>\s*)?<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg).toContain('<title>');
  expect(svg).toMatch(/style="[^"]*stroke/);
  expect(svg).not.toContain('<script');
});

test('PPTX of the saved views: a valid zip with one slide per view, titles and speaker notes', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto(VIEW);
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  await page.getByTestId('export-open').click();
  await expect(page.getByTestId('export-pptx')).toBeDisabled();
  await page.keyboard.press('Escape');
  await page.getByTestId('save-view').click();
  await page.getByTestId('views-notes').first().fill('Grünau: höchster Anteil');
  await page.getByTestId('views-notes').first().blur();
  await page.getByTestId('indicator-select').selectOption('auslaenderanteil');
  await waitForView(page, 'leipzig|ortsteil|auslaenderanteil|');
  await page.getByTestId('save-view').click();
  await page.getByTestId('level-select').selectOption('stadtbezirk');
  await waitForView(page, 'leipzig|stadtbezirk|auslaenderanteil|');
  await page.getByTestId('save-view').click();
  await expect(page.getByTestId('views-item')).toHaveCount(3);

  await page.getByTestId('export-open').click();
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByTestId('export-pptx').click();
  const pptx = await bytesOf(await download);
  // A zip (PK\x03\x04) holding exactly three slides, each with a picture, and the notes.
  expect(pptx.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  const { unzip } = await import('but-unzip');
  const entries = unzip(new Uint8Array(pptx));
  const names = entries.map((e) => e.filename);
  expect(names.filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).sort()).toEqual(['ppt/slides/slide1.xml', 'ppt/slides/slide2.xml', 'ppt/slides/slide3.xml']);
  expect(names.filter((n) => /^ppt\/media\/.*\.png$/.test(n)).length).toBeGreaterThanOrEqual(6);
  const text = async (name: string) => new TextDecoder().decode(await entries.find((e) => e.filename === name)!.read());
  expect(await text('ppt/slides/slide1.xml')).toContain('Arbeitslosenanteil');
  expect(await text('ppt/slides/slide3.xml')).toContain('Stadtbezirke');
  const notes = names.filter((n) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(n));
  const allNotes = (await Promise.all(notes.map(text))).join('\n');
  expect(allNotes).toContain('Grünau: höchster Anteil');
  // The view the user had is back.
  await expect(page.getByTestId('map')).toHaveAttribute('data-view', /^leipzig\|stadtbezirk\|auslaenderanteil\|/);
});
