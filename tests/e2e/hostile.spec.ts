import { test, expect, type Page, type Download } from '@playwright/test';
import { readFileSync } from 'node:fs';
import readXlsxFile from 'read-excel-file/node';
import { expectOnlyOwnOrigin, waitForView } from './helpers';

// Hostile content: imported files whose names, values and attribute keys are
// HTML, script, template syntax, spreadsheet formulas, javascript: URLs, bidi
// overrides and very long strings (tests/fixtures/hostile, written by
// scripts/fixtures-hostile.mjs). Everywhere they show they must be literal
// text, nothing may run, and exports must not turn them into formulas.
//
// The page's Content-Security-Policy would block an injected inline handler
// anyway (csp.spec.ts); here it is bypassed, so that a hole in the escaping
// really runs its payload (window.__pwned) and fails the test instead of
// being hidden by the policy.
test.use({ bypassCSP: true });
expectOnlyOwnOrigin(test);

const fixture = (name: string) => readFileSync(new URL(`../fixtures/hostile/${name}`, import.meta.url));
const H = JSON.parse(fixture('hostile.json').toString('utf8')) as Record<
  'img' | 'script' | 'svg' | 'js' | 'template' | 'hyperlink' | 'plus' | 'minus' | 'at' | 'rtl' | 'long' | 'plain',
  string
>;
/** File names: no "/" (the browser keeps only the last path segment), everything else goes. */
const AREAS_FILE = `${H.svg} ${H.img}.geojson`;
const AREAS_LABEL = `${H.svg} ${H.img}`;
const TABLE_FILE = `${H.hyperlink} ${H.img}.csv`;
const POINTS_FILE = `${H.at} ${H.template}.geojson`;
const FORMULA_NAMES = [H.hyperlink, H.plus, H.minus, H.at];

const bytesOf = async (d: Download) => readFileSync((await d.path())!);

/** Nothing ran and nothing was injected: no __pwned, no alert, no element from a payload. */
async function expectClean(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  const injected = await page.evaluate(() =>
    [...document.querySelectorAll('*')]
      .filter(
        (el) =>
          [...el.attributes].some((a) => /^on/i.test(a.name) || (/^(href|src|action|formaction|xlink:href)$/i.test(a.name) && /^\s*javascript:/i.test(a.value))) ||
          (el.tagName === 'IMG' && el.getAttribute('src') === 'x') ||
          (el.tagName === 'SCRIPT' && /__pwned/.test(el.textContent ?? '')),
      )
      .map((el) => el.outerHTML.slice(0, 160)),
  );
  expect(injected).toEqual([]);
}

/** Opens the app, watches for dialogs (alert() from a payload) and errors. */
async function open(page: Page, url: string, key: string): Promise<string[]> {
  const problems: string[] = [];
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(url);
  await waitForView(page, key);
  return problems;
}

/** Imports the hostile boundaries as a new site and shows it. */
async function importAreas(page: Page): Promise<void> {
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-input').setInputFiles({ name: AREAS_FILE, mimeType: 'application/geo+json', buffer: fixture('areas.geojson') });
  const summary = page.getByTestId('import-summary');
  await expect(summary).toHaveAttribute('data-matched', '12');
  // The attribute keys are offered as literal text.
  await expect(summary).toContainText(H.img);
  await expect(summary).toContainText(H.hyperlink);
  await expect(page.getByTestId('import-key')).toHaveValue('id');
  await expect(page.getByTestId('import-label')).toHaveValue(AREAS_LABEL);
  await page.getByTestId('import-year').fill('2023');
  await page.getByTestId('import-confirm').click();
  await waitForView(page, 'user-');
}

/** A ";"-separated CSV (German Excel) into rows of fields, quotes resolved. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** Elements of an XML/SVG text that would run script: event-handler attributes, javascript: URLs, script-like elements. */
function dangerousTags(xml: string): string[] {
  const found: string[] = [];
  for (const [tag, name, attrs] of xml.matchAll(/<([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/g)) {
    if (/^(script|img|iframe|foreignObject|object|embed)$/i.test(name!)) found.push(tag);
    for (const [, attr, double, single] of attrs!.matchAll(/\s([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      if (/^on/i.test(attr!) || /^\s*javascript:/i.test(double ?? single ?? '')) found.push(tag);
    }
  }
  return found;
}

test('the checks are live: an injected payload would run here and be caught', async ({ page }) => {
  await open(page, './?site=leipzig', 'leipzig|ortsteil|');
  await page.evaluate((html) => {
    const div = document.createElement('div');
    div.innerHTML = html;
    document.body.append(div);
  }, H.img);
  // With the CSP bypassed, the handler runs (under the app's CSP it would be blocked).
  await expect.poll(() => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBe(1);
  await expect(expectClean(page)).rejects.toThrow();
  expect(dangerousTags(`<svg><a href='javascript:x'><text onclick="y">&lt;img onerror=z&gt;</text></a><script/></svg>`)).toHaveLength(3);
});

test('hostile names and keys of imported boundaries stay text in every view', async ({ page }) => {
  test.setTimeout(180_000);
  const problems = await open(page, './?site=leipzig', 'leipzig|ortsteil|');
  await importAreas(page);
  await expectClean(page);

  // Site list, indicator list, legend: literal text.
  await expect(page.getByTestId('site-select').locator('option:checked')).toHaveText(AREAS_LABEL);
  const indicators = page.getByTestId('indicator-select');
  await expect(indicators.locator('option')).toContainText([H.img, H.hyperlink]);
  await indicators.selectOption({ label: H.img });
  await waitForView(page, 'user-');
  await expect(page.locator('#legend-heading')).toHaveText(H.img);

  // The ranking lists all twelve names as text ({{7*7}} is not evaluated, bidi and long names are kept).
  const ranking = page.getByTestId('ranking');
  await expect(page.getByTestId('ranking-row')).toHaveCount(12);
  for (const name of [H.img, H.script, H.svg, H.js, H.template, H.hyperlink, H.rtl]) await expect(ranking).toContainText(name);
  expect(await ranking.textContent()).toContain(H.long);

  // The map tooltip, hovering over the areas.
  const box = (await page.getByTestId('map').boundingBox())!;
  const tooltip = page.getByTestId('tooltip');
  const seen = new Set<string>();
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 3; j++) {
      await page.mouse.move(box.x + box.width * (0.2 + i * 0.2), box.y + box.height * (0.25 + j * 0.25));
      if (await tooltip.isVisible()) seen.add((await tooltip.locator('strong').textContent()) ?? '');
    }
  }
  expect([...seen].filter((name) => Object.values(H).includes(name)).length).toBeGreaterThanOrEqual(4);
  await expectClean(page);

  // Search hits.
  const search = page.getByTestId('area-search');
  await search.fill('onerror');
  await expect(page.getByTestId('area-search-hit').first()).toContainText(H.img);
  await search.fill('7*7');
  await expect(page.getByTestId('area-search-hit').first()).toContainText(H.template);
  await search.fill('');

  // The attribution control is HTML built by the app: the file name is escaped text in it.
  const attribution = page.locator('.maplibregl-ctrl-attrib-inner');
  await expect(attribution).toContainText(`Eigene Daten: ${AREAS_FILE}`);
  expect(await attribution.locator('svg, img, script, a').count()).toBe(0);

  // Compare table, selection panel and profile of hostile-named areas.
  const url = new URL(page.url());
  url.searchParams.set('sel', '-01,h02,h03');
  url.searchParams.set('mode', 'compare');
  await page.goto(url.href);
  await waitForView(page, 'user-');
  const table = page.getByTestId('compare-table');
  await expect(table).toContainText(H.img);
  await expect(table).toContainText(H.script);
  await expect(table).toContainText(H.svg);
  await expect(table.getByTestId('compare-row')).toHaveCount(4); // three attributes and the area
  await expect(page.getByTestId('selection')).toContainText(H.script);
  url.searchParams.set('mode', 'profile');
  url.searchParams.set('sel', 'h02');
  await page.goto(url.href);
  await waitForView(page, 'user-');
  await expect(page.getByTestId('profile')).toContainText(H.script);
  await expect(page.getByTestId('profile')).toContainText(H.hyperlink);

  // Scatter of two hostile indicators (axis titles, point titles).
  const ind2 = await page.getByTestId('indicator-select').locator('option', { hasText: H.hyperlink }).getAttribute('value');
  url.searchParams.set('mode', 'scatter');
  url.searchParams.set('ind2', ind2!);
  await page.goto(url.href);
  await waitForView(page, 'user-');
  await expect(page.getByTestId('scatter-point')).toHaveCount(12);
  await expect(page.getByTestId('scatter')).toContainText(H.hyperlink);
  await expectClean(page);

  // The analysis modes that show indicator labels in their own panels and legends.
  url.searchParams.set('ind2', ind2!);
  for (const mode of ['bivariate', 'index', 'lisa', 'swipe']) {
    url.searchParams.set('mode', mode);
    await page.goto(url.href);
    await waitForView(page, 'user-');
    await expectClean(page);
  }
  await expect(page.getByTestId('swipe-right-label')).toContainText(H.hyperlink);

  // About the data: the attribution and no link made from it.
  await page.getByTestId('about-data').click();
  const about = page.getByTestId('about-dialog');
  await expect(about).toContainText(`Eigene Daten: ${AREAS_FILE}`);
  await page.getByTestId('about-close').click();

  // SQL console: results and column names from the data are text.
  await page.getByTestId('sql-open').click();
  await page.getByTestId('sql-input').fill(`SELECT id, name AS "${H.img.replaceAll('"', '""')}" FROM areas WHERE site LIKE 'user-%' ORDER BY id`);
  await page.getByTestId('sql-run').click();
  const result = page.getByTestId('sql-result');
  await expect(result.locator('tbody tr')).toHaveCount(12);
  await expect(result.locator('th').nth(1)).toHaveText(H.img);
  await expect(result).toContainText(H.script);
  await expect(result).toContainText(H.svg);
  await page.keyboard.press('Escape');

  // "Meine Daten": the site's label in its rename field.
  await page.getByTestId('import-open').click();
  await expect(page.getByTestId('my-data-item').locator('input')).toHaveValue(AREAS_LABEL);
  await page.keyboard.press('Escape');

  // Presentation mode: the saved view's title (from the hostile indicator and site) on screen.
  url.searchParams.set('mode', 'map');
  url.searchParams.delete('ind2');
  await page.goto(url.href);
  await waitForView(page, 'user-');
  await page.getByTestId('save-view').click();
  await expect(page.getByTestId('views-title').first()).toHaveValue(new RegExp(H.img.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await page.getByTestId('present').click();
  await expect(page.getByTestId('present-title')).toContainText(H.img);
  await expectClean(page);
  await page.getByTestId('present-exit').click();

  await expectClean(page);
  expect(problems).toEqual([]);
});

test('exports of hostile data: CSV and XLSX cells are text (no formulas), PPTX and SVG escaped, PNG drawn', async ({ page }) => {
  test.setTimeout(180_000);
  const problems = await open(page, './?site=leipzig', 'leipzig|ortsteil|');
  await importAreas(page);
  await page.getByTestId('indicator-select').selectOption({ label: H.hyperlink });
  await waitForView(page, 'user-');

  await page.getByTestId('export-open').click();
  let download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const csv = (await bytesOf(await download)).toString('utf8');
  const rows = parseCsv(csv.slice(1).replace(/\r\n$/, ''));
  expect(rows).toHaveLength(13);
  // Not one field starts a formula; those that would are defused with a leading "'".
  const starts = rows.flat().filter((f) => /^[=+\-@\t\r]/.test(f));
  expect(starts).toEqual([]);
  const fields = new Set(rows.flat());
  for (const name of FORMULA_NAMES) expect(fields.has(`'${name}`), `'${name}`).toBe(true);
  expect(fields.has("'-01")).toBe(true); // the id, text that looks like a negative number
  for (const name of [H.img, H.script, H.svg, H.js, H.template, H.rtl, H.long]) expect(fields.has(name), name).toBe(true);
  expect(rows[0]![3]).toMatch(/^'=HYPERLINK\("http:\/\/x"\)/); // the column header too

  download = page.waitForEvent('download');
  await page.getByTestId('export-xlsx').click();
  const xlsxFile = (await (await download).path())!;
  const { unzip } = await import('but-unzip');
  const entries = unzip(new Uint8Array(readFileSync(xlsxFile)));
  const text = async (name: string) => new TextDecoder().decode(await entries.find((e) => e.filename === name)!.read());
  const sheetXml = await Promise.all(entries.filter((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.filename)).map((e) => text(e.filename)));
  expect(sheetXml.length).toBe(2);
  for (const xml of sheetXml) {
    expect(xml).not.toMatch(/<f[\s>]/); // no formula cell
    expect(dangerousTags(xml)).toEqual([]);
  }
  // The text cells hold the literal strings.
  const sheets = await readXlsxFile(xlsxFile);
  const cells = new Set(sheets[0]!.data.flat().map(String));
  for (const name of [...FORMULA_NAMES, H.img, H.script, H.svg, H.template, H.long, '-01']) expect(cells.has(name), name).toBe(true);
  await page.keyboard.press('Escape');

  // A saved view with hostile notes, as PPTX.
  await page.getByTestId('save-view').click();
  await page.getByTestId('views-notes').first().fill(`${H.script} ${H.img} ${H.hyperlink}`);
  await page.getByTestId('views-notes').first().blur();
  await page.getByTestId('export-open').click();
  download = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByTestId('export-pptx').click();
  const pptx = unzip(new Uint8Array(await bytesOf(await download)));
  const ptext = async (name: string) => new TextDecoder().decode(await pptx.find((e) => e.filename === name)!.read());
  const xmlNames = pptx.map((e) => e.filename).filter((n) => /^(ppt\/(slides|notesSlides)\/\w+\d+\.xml|docProps\/core\.xml)$/.test(n));
  const xmls = await Promise.all(xmlNames.map(ptext));
  const slide = await ptext('ppt/slides/slide1.xml');
  expect(slide).toContain('=HYPERLINK(&quot;http://x&quot;)');
  expect(slide).toContain(AREAS_LABEL.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;'));
  const notes = (await Promise.all(pptx.filter((e) => /notesSlide\d+\.xml$/.test(e.filename)).map((e) => ptext(e.filename)))).join('');
  expect(notes).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
  for (const xml of xmls) expect(dangerousTags(xml)).toEqual([]);
  // Every part is well-formed XML (the browser's parser says so).
  const malformed = await page.evaluate(
    (list) => list.filter((xml) => new DOMParser().parseFromString(xml, 'application/xml').getElementsByTagName('parsererror').length > 0).length,
    xmls,
  );
  expect(malformed).toBe(0);

  // PNG: the texts are drawn on a canvas, nothing else happens.
  download = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByTestId('export-png').click();
  const png = await bytesOf(await download);
  expect(png.subarray(0, 4)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  await page.keyboard.press('Escape');

  // The scatter plot as SVG: hostile axis titles and point titles are escaped text.
  const url = new URL(page.url());
  url.searchParams.set('mode', 'scatter');
  url.searchParams.set('ind2', (await page.getByTestId('indicator-select').locator('option', { hasText: H.img }).getAttribute('value'))!);
  await page.goto(url.href);
  await waitForView(page, 'user-');
  await expect(page.getByTestId('scatter-point')).toHaveCount(12);
  download = page.waitForEvent('download');
  await page.getByTestId('export-svg').first().click();
  const svg = (await bytesOf(await download)).toString('utf8');
  expect(dangerousTags(svg)).toEqual([]);
  expect(svg).toContain('=HYPERLINK(&quot;http://x&quot;)');
  expect(svg).toContain('&lt;img src=x onerror=');
  await expectClean(page);
  expect(problems).toEqual([]);
});

test('a hostile table and hostile points added to Leipzig: headers, keys, categories and file names stay text', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = await open(page, './?site=leipzig&ind=einwohner&year=2022', 'leipzig|ortsteil|einwohner|2022');
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-input').setInputFiles({ name: TABLE_FILE, mimeType: 'text/csv', buffer: fixture('table.csv') });
  const summary = page.getByTestId('import-summary');
  await expect(summary).toHaveAttribute('data-matched', '63');
  await expect(summary).toHaveAttribute('data-unmatched', '2');
  await expect(summary).toContainText(H.svg);
  await expect(summary).toContainText(H.at);
  // The unmatched rows are listed with their hostile names, as text.
  const unmatched = page.getByTestId('import-unmatched');
  await expect(unmatched).toContainText(H.img);
  await expect(unmatched).toContainText(H.hyperlink);
  await page.getByTestId('import-year').fill('2022');
  await expectClean(page);
  await page.getByTestId('import-confirm').click();
  await waitForView(page, 'leipzig|ortsteil|');
  await expect(page.locator('#legend-heading')).toHaveText(H.svg);
  await expect(page.getByTestId('indicator-select').locator('option')).toContainText([H.svg, H.at]);
  await expect(page.locator('.maplibregl-ctrl-attrib-inner')).toContainText(`Eigene Daten: ${TABLE_FILE}`);
  expect(await page.locator('.maplibregl-ctrl-attrib-inner').locator('svg, img, script, a').count()).toBe(0);

  // Compare: the table's indicators with their hostile labels.
  const url = new URL(page.url());
  url.searchParams.set('mode', 'compare');
  url.searchParams.set('sel', '00,01');
  await page.goto(url.href);
  await waitForView(page, 'leipzig|ortsteil|');
  await expect(page.getByTestId('compare-table')).toContainText(H.svg);
  await expect(page.getByTestId('compare-table')).toContainText(H.at);

  // Points with hostile names and categories.
  await page.getByTestId('import-open').click();
  await expect(page.getByTestId('my-data-item').locator('.name')).toHaveText(TABLE_FILE);
  await page.getByTestId('import-input').setInputFiles({ name: POINTS_FILE, mimeType: 'application/geo+json', buffer: fixture('points.geojson') });
  await expect(page.getByTestId('import-summary')).toHaveAttribute('data-kind', 'points');
  await expect(page.getByTestId('import-summary')).toHaveAttribute('data-matched', '10');
  await page.getByTestId('import-category').selectOption('traeger');
  await page.getByTestId('import-confirm').click();
  await expect(page).toHaveURL(/pts=upts-/);
  const legend = page.getByTestId('points-legend');
  await expect(legend).toContainText(H.img);
  await expect(legend).toContainText(H.hyperlink);
  await expect(legend).toContainText(H.script);
  await expect(page.locator('.points')).toContainText(`Eigene Daten: ${POINTS_FILE}`);
  await expect(page.locator('.maplibregl-ctrl-attrib-inner')).toContainText(`Eigene Daten: ${POINTS_FILE}`);
  expect(await page.locator('.maplibregl-ctrl-attrib-inner').locator('svg, img, script, a').count()).toBe(0);
  await expectClean(page);
  expect(problems).toEqual([]);
});

test('hostile URL parameters become notices with the literal text', async ({ page }) => {
  const q = new URLSearchParams({ site: H.img, ind: H.script, sel: H.svg, mode: H.template, lang: H.js, embed: H.hyperlink });
  const problems = await open(page, `./?${q}`, 'leipzig|ortsteil|');
  const notice = page.getByTestId('notice');
  for (const text of [H.img, H.script, H.svg, H.template, H.js, H.hyperlink]) await expect(notice).toContainText(text);
  await expectClean(page);
  // The share link and embed snippet hold the cleaned view, not the hostile parameters.
  await page.getByTestId('export-open').click();
  expect(await page.getByTestId('share-url').inputValue()).not.toMatch(/[<>"]|%3C|__pwned/i);
  expect(await page.getByTestId('embed-snippet').inputValue()).not.toMatch(/__pwned/);
  expect(problems).toEqual([]);
});

test('a hostile project file: no javascript: link, no CSS that loads anything, no replacing bundled data', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = await open(page, './?site=leipzig&ind=einwohner&year=2022', 'leipzig|ortsteil|einwohner|2022');
  await importAreas(page);
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-input').setInputFiles({ name: POINTS_FILE, mimeType: 'application/geo+json', buffer: fixture('points.geojson') });
  await expect(page.getByTestId('import-summary')).toHaveAttribute('data-kind', 'points');
  await page.getByTestId('import-target').selectOption('leipzig');
  await page.getByTestId('import-category').selectOption('traeger');
  await page.getByTestId('import-confirm').click();
  await expect(page).toHaveURL(/pts=upts-/);
  await page.getByTestId('import-open').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('project-export').click();
  const project = JSON.parse(readFileSync((await (await download).path())!, 'utf8'));

  // What a crafted project file could carry: a script URL as licence link, CSS that loads a URL as colour.
  project.sites[0].source.licenceUrl = H.js;
  project.sites[0].source.licenceName = H.img;
  project.pointLayers[0].layer.source.licenceUrl = H.js;
  for (const c of project.pointLayers[0].layer.categories) c.color = 'url(https://beacon.invalid/pixel.png)';
  project.view = `?site=leipzig&ind=einwohner&year=2022&pts=${project.pointLayers[0].layer.id}`;

  const other = await page.context().browser()!.newContext({ bypassCSP: true });
  const fresh = await other.newPage();
  const foreign: string[] = [];
  fresh.on('request', (r) => {
    if (!r.url().startsWith('http://127.0.0.1') && !/^(data|blob):/.test(r.url())) foreign.push(r.url());
  });
  const beacons: string[] = [];
  await fresh.route(/beacon\.invalid/, (route) => {
    beacons.push(route.request().url());
    return route.abort();
  });
  const freshProblems = await open(fresh, './?site=leipzig', 'leipzig|ortsteil|');
  await fresh.getByTestId('import-open').click();
  await fresh.getByTestId('import-input').setInputFiles({ name: `${H.img}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(project)) });
  await waitForView(fresh, 'leipzig|ortsteil|einwohner|2022');
  await expect(fresh.getByTestId('points-legend')).toContainText(H.img);
  // The legend dots and the map's circles: grey instead of the crafted "colour".
  await expect(fresh.locator('.points .dot').first()).toHaveCSS('background-image', 'none');
  await expect(fresh.locator('.points .dot').first()).toHaveCSS('background-color', 'rgb(102, 102, 102)');
  await fresh.getByTestId('site-select').selectOption({ label: AREAS_LABEL });
  await waitForView(fresh, 'user-');
  await fresh.getByTestId('about-data').click();
  await expect(fresh.getByTestId('about-dialog')).toContainText(H.img);
  await fresh.waitForTimeout(300);
  await expectClean(fresh);
  expect(foreign).toEqual([]);
  expect(beacons).toEqual([]);

  // A project file may hold imports only: one that would replace bundled Leipzig is refused as a whole.
  const spoof = structuredClone(project);
  spoof.sites[0].site.id = 'leipzig';
  spoof.sites[0].site.geometrySource = 'leipzig-source';
  await fresh.getByTestId('about-close').click();
  await fresh.getByTestId('import-open').click();
  await fresh.getByTestId('import-input').setInputFiles({ name: 'projekt.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(spoof)) });
  // Refused whole, by the project file's validation (no imported-site id) or by the check for bundled ids.
  await expect(fresh.getByTestId('import-error')).toContainText(/would replace bundled data \(leipzig\)|has no id of an imported site/);
  await fresh.keyboard.press('Escape');
  await fresh.getByTestId('site-select').selectOption('leipzig');
  await waitForView(fresh, 'leipzig|ortsteil|');
  await expect(fresh.getByTestId('ranking-row')).toHaveCount(63);
  expect(freshProblems).toEqual([]);
  await other.close();
  await expectClean(page);
  expect(problems).toEqual([]);
});

test('the area catalogue of hostile areas: PDF text and DOCX XML hold the names literally, nothing runs', async ({ page }) => {
  test.setTimeout(180_000);
  const problems = await open(page, './?site=leipzig', 'leipzig|ortsteil|');
  await importAreas(page);
  await page.getByTestId('export-open').click();
  await page.getByTestId('catalog-open').click();
  await expect(page.getByTestId('catalog-dialog')).toContainText('(12)');
  let download = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByTestId('catalog-make').click();
  const pdf = new Uint8Array(await bytesOf(await download));
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: pdf, isEvalSupported: false }).promise;
  expect(doc.numPages).toBeGreaterThanOrEqual(13);
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) text += (await (await doc.getPage(i)).getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join('');
  for (const name of [H.img, H.script, H.hyperlink]) expect(text.replace(/\s+/g, ''), name).toContain(name.replace(/\s+/g, ''));

  await page.getByTestId('catalog-format-docx').check();
  download = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByTestId('catalog-make').click();
  const { unzip } = await import('but-unzip');
  const entries = unzip(new Uint8Array(await bytesOf(await download)));
  const xml = new TextDecoder().decode(await entries.find((e) => e.filename === 'word/document.xml')!.read());
  expect(dangerousTags(xml)).toEqual([]);
  expect(xml).toContain('=HYPERLINK(&quot;http://x&quot;)');
  expect(xml).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
  const malformed = await page.evaluate((x) => new DOMParser().parseFromString(x, 'application/xml').getElementsByTagName('parsererror').length, xml);
  expect(malformed).toBe(0);
  await expectClean(page);
  expect(problems).toEqual([]);
});

test('programme areas from hostile files (pa-import): corrupt, no areas, outside the site — a clear message and nothing lost; hostile names stay text', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = await open(page, './?site=leipzig&level=ortsteil&ind=einwohner&year=2023&pa=pa-e2e~Zentrum%2520Test~esf-plus~2021~00,01,02~e69f00', 'leipzig|ortsteil|einwohner|2023');
  const items = page.getByTestId('pa-item');
  await expect(page.locator('[data-testid="pa-item"][data-id="pa-e2e"]')).toHaveCount(1);
  const before = await items.count();
  const form = page.getByTestId('pa-import-form');
  const error = page.getByTestId('pa-import-error');
  const choose = async (name: string, text: string) => {
    await page.getByTestId('pa-import').setInputFiles({ name, mimeType: 'application/geo+json', buffer: Buffer.from(text) });
    await expect(form).toHaveAttribute('data-state', /failed|ready/);
  };
  const square = (lon: number, lat: number, d: number) => ({ type: 'Polygon', coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] });
  const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

  // A corrupt file, named with markup: the message names it literally, nothing is created.
  await choose(`${H.svg}.geojson`, '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":');
  await expect(form).toHaveAttribute('data-state', 'failed');
  await expect(error).toBeVisible();
  expect(await error.textContent()).toContain(H.svg);
  await page.getByTestId('pa-import-close').click();
  await expect(items).toHaveCount(before);

  // Only a point and a line: "contains no areas".
  await choose('punkte.geojson', fc([
    { type: 'Feature', properties: { name: H.script }, geometry: { type: 'Point', coordinates: [12.37, 51.34] } },
    { type: 'Feature', properties: { name: H.img }, geometry: { type: 'LineString', coordinates: [[12.37, 51.34], [12.38, 51.35]] } },
  ]));
  await expect(error).toContainText('enthält keine Flächen');
  await page.getByTestId('pa-import-close').click();

  // Areas far from Leipzig (Munich): "no area lies within", nothing created.
  await choose('muenchen.geojson', fc([{ type: 'Feature', properties: { name: 'München' }, geometry: square(11.57, 48.14, 0.01) }]));
  await expect(error).toContainText('Keine Fläche liegt im Gebiet');
  await page.getByTestId('pa-import-close').click();
  await expect(items).toHaveCount(before);

  // A usable area with a hostile name and hostile attribute keys: offered and created as literal text.
  await choose(`${H.img}.geojson`, fc([{ type: 'Feature', properties: { [H.img]: H.script, name: `${H.script}${H.img}` }, geometry: square(12.375, 51.34, 0.003) }]));
  await expect(page.getByTestId('pa-import-count')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('pa-import-name').locator('option', { hasText: H.img })).toHaveCount(1);
  await page.getByTestId('pa-import-name').selectOption('name');
  await page.getByTestId('pa-import-save').click();
  await expect(page.getByTestId('pa-import-result')).toHaveAttribute('data-added', '1');
  await expect(items).toHaveCount(before + 1);
  const names = await page.getByTestId('pa-rename').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  expect(names).toContain(`${H.script}${H.img}`);
  expect(names).toContain('Zentrum Test');
  await waitForView(page, 'leipzig|programmgebiet|einwohner|2023');
  await expect(page.getByTestId('ranking')).toContainText(H.script);
  await expectClean(page);
  expect(problems).toEqual([]);
});
