import { readFileSync } from 'node:fs';
import { test, expect, type Download, type Page } from '@playwright/test';
import { expectOnlyOwnOrigin, waitForView } from './helpers';

expectOnlyOwnOrigin(test);

// Estimated programme areas say so (issue 17, item 2), and a drawn area over the Zensus grid
// (issue 17, "Done when"): both arrive from a project file, as a user's drawn areas travel.
const bytesOf = async (d: Download) => readFileSync((await d.path())!);

async function openProject(page: Page, view: string, programmeAreas: unknown[], key: string): Promise<void> {
  const project = { format: 'quartiersatlas-project', version: 1, created: '2026-12-06T00:00:00.000Z', view, sites: [], extensions: [], programmeAreas };
  await page.goto('./?site=leipzig');
  await waitForView(page, 'leipzig|ortsteil|');
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-input').setInputFiles({ name: 'projekt.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(project)) });
  await waitForView(page, key);
}

const DRAWN = {
  id: 'pa-drawn', site: 'leipzig', name: 'Gezeichnetes Quartier', programme: 'thinka', startYear: 2024, color: '#cc79a7',
  members: ['00', '01', '02'], weights: { '00': 1, '01': 1, '02': 0.5 }, areaShares: { '02': 0.37 },
  geometry: { type: 'Polygon', coordinates: [[[12.36, 51.32], [12.41, 51.32], [12.41, 51.35], [12.36, 51.35], [12.36, 51.32]]] },
};
const UNION = { id: 'pa-union', site: 'leipzig', name: 'Ganze Ortsteile', programme: 'esf-plus', startYear: 2021, color: '#e69f00', members: ['10', '11'] };

test('a drawn area says it is estimated and how: legend, ranking mark, profile and the CSV column; a union does not', async ({ page }) => {
  await openProject(page, '?site=leipzig&level=programmgebiet&ind=einwohner&year=2023', [DRAWN, UNION], 'leipzig|programmgebiet|einwohner|2023');
  const legend = page.getByTestId('legend-estimated');
  await expect(legend).toHaveAttribute('data-count', '1');
  await expect(legend).toContainText('geschätzt: 1 Gebiet');
  const drawn = page.locator('[data-testid="ranking-row"][data-id="pa-drawn"]');
  await expect(drawn).toContainText('15.873'); // 1,854 + 6,108 + 0.5 × 15,822
  await expect(drawn.getByTestId('ranking-estimated')).toHaveCount(1);
  await expect(drawn).toHaveAttribute('title', /geschätzt: 37 % der Fläche von Zentrum-Südost/);
  await expect(page.locator('[data-testid="ranking-row"][data-id="pa-union"]').getByTestId('ranking-estimated')).toHaveCount(0);

  await page.getByTestId('export-open').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const lines = (await bytesOf(await download)).toString('utf8').slice(1).trim().split('\r\n');
  expect(lines[0]).toMatch(/;Schätzung$/);
  expect(lines.find((l) => l.includes('Gezeichnetes Quartier'))).toMatch(/;geschätzt: 37 % der Fläche von Zentrum-Südost$/);
  expect(lines.find((l) => l.includes('Ganze Ortsteile'))).toMatch(/;$/);
  await page.keyboard.press('Escape');

  await page.goto('./?site=leipzig&level=programmgebiet&ind=auslaenderanteil&year=2023&mode=profile&sel=pa-drawn');
  await waitForView(page, 'leipzig|programmgebiet|auslaenderanteil|2023');
  await expect(page.getByTestId('profile-estimated')).toContainText('geschätzt: 37 % der Fläche von Zentrum-Südost');
});

// Four cells around Leipzig's centre, CRS3035RES1000mN3139000E4486000 to …N3140000E4487000, drawn by
// their corners in WGS 84 (rounded to 1e-6°): 3,494 + 5,697 + 4,552 + 338 = 14,081 residents (Zensus 2011);
// the rounded corners shift the edges by centimetres, so slivers of the neighbours count too (within 0.1 %).
const FOUR_CELLS = 14_081;
const residentsIn = async (text: Promise<string | null>) => Number((/(\d{1,3}(?:\.\d{3})+|\d+)\s*$/.exec((await text) ?? '')?.[1] ?? 'NaN').replace(/\./g, ''));
const THINKA = {
  id: 'pa-thinka', site: 'zensus-grid', name: 'ThINKA-Quartier', programme: 'thinka', startYear: 2024, color: '#009e73', members: [],
  geometry: { type: 'Polygon', coordinates: [[[12.368209, 51.337823], [12.396896, 51.337237], [12.397835, 51.355203], [12.369137, 51.355789], [12.368209, 51.337823]]] },
};

test('a drawn ThINKA neighbourhood over the Zensus grid: its residents from the cells, estimated, ranked and profiled against the whole grid', async ({ page }) => {
  await openProject(page, '?site=zensus-grid&level=programmgebiet&ind=einwohner&year=2011', [THINKA], 'zensus-grid|programmgebiet|einwohner|2011');
  await expect(page.getByTestId('level-select')).toHaveValue('programmgebiet');
  const row = page.locator('[data-testid="ranking-row"][data-id="pa-thinka"]');
  await expect(row).toContainText('ThINKA-Quartier');
  await expect(row).toContainText(/\d\.\d{3}$/);
  expect(Math.abs((await residentsIn(row.textContent())) - FOUR_CELLS) / FOUR_CELLS).toBeLessThan(0.001);
  await expect(row.getByTestId('ranking-estimated')).toHaveCount(1);
  await expect(row).toHaveAttribute('title', /geschätzt aus den 1-km-Gitterzellen/);
  await expect(page.getByTestId('legend-estimated')).toHaveAttribute('data-count', '1');

  // The foreigner share from the cells' residents, and the profile against the whole grid (Germany).
  await page.goto('./?site=zensus-grid&level=programmgebiet&ind=auslaenderanteil&year=2011&mode=profile&sel=pa-thinka');
  await waitForView(page, 'zensus-grid|programmgebiet|auslaenderanteil|2011');
  const profile = page.getByTestId('profile');
  await expect(profile).toContainText('ThINKA-Quartier');
  const residents = profile.locator('[data-testid="profile-row"][data-ind="einwohner"] [data-testid="profile-value"]');
  await expect(residents).toHaveText(/^\d{2}\.\d{3}$/);
  expect(Math.abs((await residentsIn(residents.textContent())) - FOUR_CELLS) / FOUR_CELLS).toBeLessThan(0.001);
  // (3,494 × 14 + 5,697 × 9.5 + 4,552 × 7.18 + 338 × 12) / 14,081 = 9.9 %
  await expect(profile.locator('[data-testid="profile-row"][data-ind="auslaenderanteil"] [data-testid="profile-value"]')).toContainText('9,9');
  await expect(page.getByTestId('profile-estimated')).toContainText('geschätzt aus den 1-km-Gitterzellen');
});
