import { test, expect } from '@playwright/test';
import { expectOnlyOwnOrigin, withoutBundledProgrammeAreas, mapPixels, waitForView } from './helpers';

expectOnlyOwnOrigin(test);
// These tests count the user's own programme areas.
withoutBundledProgrammeAreas(test);

// A union of Ortsteile 00, 01, 02 as a share link gives it (pa=, README): the name is
// URI-encoded inside the entry, and the entry once more as a URL parameter.
const PA = 'pa=pa-e2e~Zentrum%2520Test~esf-plus~2021~00,01,02~e69f00';
const VIEW = './?site=leipzig&level=programmgebiet&ind=einwohner&year=2023';

test('a share link with pa= restores a union: its level shows 1 area with 23.784 residents in 2023; a reload keeps it', async ({ page }) => {
  await page.goto(`${VIEW}&${PA}`);
  await waitForView(page, 'leipzig|programmgebiet|einwohner|2023');
  const rows = page.getByTestId('ranking-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Zentrum Test');
  await expect(rows.first()).toContainText('23.784');
  await expect(rows.first()).toHaveAttribute('data-id', 'pa-e2e');
  await expect(page.getByTestId('level-select')).toHaveValue('programmgebiet');
  // its outline arrives after the figures (dissolved in a worker) and is coloured on the map
  const coloured = async () => Object.values((await mapPixels(page)).perColor).reduce((a, b) => a + b, 0);
  await expect.poll(coloured).toBeGreaterThan(500);
  // the view's URL keeps naming the union, so a copied link restores it
  await expect(page).toHaveURL(/pa=pa-e2e~Zentrum%2520Test~esf-plus~2021~00,01,02~e69f00/);

  // Kept in the browser: a link without pa= still has the level and the area.
  await page.goto(VIEW);
  await waitForView(page, 'leipzig|programmgebiet|einwohner|2023');
  await expect(page.getByTestId('ranking-row')).toHaveCount(1);
  await expect(page.getByTestId('ranking-row').first()).toContainText('23.784');
});

test('the foreigner share of the union is Σ foreigners / Σ residents (29,37 %), and the trend chart compares it with its Stadtbezirk and the city', async ({ page }) => {
  await page.goto(`./?site=leipzig&level=programmgebiet&ind=auslaenderanteil&year=2023&sel=pa-e2e&${PA}`);
  await waitForView(page, 'leipzig|programmgebiet|auslaenderanteil|2023');
  await expect(page.getByTestId('ranking-row').first()).toContainText('29,4');
  const chart = page.getByTestId('trend-chart');
  await expect(chart).toBeVisible();
  await expect(chart).toContainText('Mitte');
  await expect(chart).toContainText('Leipzig');
});

test('the profile of a programme area lists every indicator against the city', async ({ page }) => {
  await page.goto(`./?site=leipzig&level=programmgebiet&ind=einwohner&year=2023&mode=profile&sel=pa-e2e&${PA}`);
  await waitForView(page, 'leipzig|programmgebiet|einwohner|2023');
  const profile = page.getByTestId('profile');
  await expect(profile).toContainText('Zentrum Test');
  await expect(profile).toContainText('23.784');
});

test('overlapping programme areas work in every mode that shows a level, without an error', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const three = 'pa=pa-a~A~esf-plus~2021~00,01,02~e69f00|pa-b~B~thinka~2020~02,10,20,30~0072b2|pa-c~C~sozialraum~~40,41,42,43,44~009e73';
  for (const mode of ['compare', 'change', 'multiples', 'scatter', 'bivariate', 'index', 'lisa']) {
    await page.goto(`./?site=leipzig&level=programmgebiet&ind=arbeitslosenanteil&year=2022&mode=${mode}&sel=pa-a,pa-b&${three}`);
    await waitForView(page, 'leipzig|programmgebiet|arbeitslosenanteil|2022');
    if (mode === 'compare') await expect(page.getByTestId('compare-table').locator('thead th')).toHaveCount(7); // indicator, A, B, city, rest of the city without A and without B, position
  }
  expect(errors).toEqual([]);
});

test('a drawn programme area from a project file: estimated by its weights (half of Ortsteil 02), kept after a reload', async ({ page }) => {
  const project = {
    format: 'quartiersatlas-project',
    version: 1,
    created: '2026-12-06T00:00:00.000Z',
    view: '?site=leipzig&level=programmgebiet&ind=einwohner&year=2023',
    sites: [],
    extensions: [],
    programmeAreas: [
      {
        id: 'pa-drawn', site: 'leipzig', name: 'Gezeichnetes Quartier', programme: 'thinka', startYear: 2024, color: '#cc79a7',
        members: ['00', '01', '02'], weights: { '00': 1, '01': 1, '02': 0.5 },
        geometry: { type: 'Polygon', coordinates: [[[12.36, 51.32], [12.41, 51.32], [12.41, 51.35], [12.36, 51.35], [12.36, 51.32]]] },
      },
    ],
  };
  await page.goto('./?site=leipzig');
  await waitForView(page, 'leipzig|ortsteil|');
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-input').setInputFiles({ name: 'projekt.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(project)) });
  await waitForView(page, 'leipzig|programmgebiet|einwohner|2023');
  const row = page.getByTestId('ranking-row').first();
  await expect(row).toContainText('Gezeichnetes Quartier');
  await expect(row).toContainText('15.873'); // 1,854 + 6,108 + 0.5 × 15,822
  // a drawn area is no union: it travels in the project file and the browser's storage, not in the URL
  await expect(page).not.toHaveURL(/pa=/);
  await page.reload();
  await waitForView(page, 'leipzig|programmgebiet|einwohner|2023');
  await expect(page.getByTestId('ranking-row').first()).toContainText('15.873');
});
