import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { expectOnlyOwnOrigin, waitForView, withoutBundledProgrammeAreas } from './helpers';

expectOnlyOwnOrigin(test);
withoutBundledProgrammeAreas(test);

// The union of Ortsteile 00, 01, 02 from a share link (pa=, README), compared with the rest of the city
// ("übrige Stadt"): the figures expected here are computed from data/leipzig/values.csv in the test.
const PA = 'pa=pa-e2e~Zentrum%2520Test~esf-plus~2021~00,01,02~e69f00';
const MEMBERS = ['00', '01', '02'];

function restOfCity(year: number): { residents: number; share: number } {
  const [head, ...lines] = readFileSync(new URL('../../data/leipzig/values.csv', import.meta.url), 'utf8').trim().split(/\r?\n/);
  const cols = head!.split(',');
  let residents = 0;
  let foreigners = 0;
  for (const line of lines) {
    const cells = line.split(',');
    if (Number(cells[1]) !== year || MEMBERS.includes(cells[0]!)) continue;
    residents += Number(cells[cols.indexOf('einwohner')]);
    foreigners += Number(cells[cols.indexOf('auslaender')]);
  }
  return { residents, share: (foreigners / residents) * 100 };
}

const de = (v: number, decimals: number) => v.toLocaleString('de-DE', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

test('the trend chart of a union from a share link has the line "übrige Stadt" beside the area and the city', async ({ page }) => {
  await page.goto(`./?site=leipzig&level=programmgebiet&ind=auslaenderanteil&year=2023&sel=pa-e2e&${PA}`);
  await waitForView(page, 'leipzig|programmgebiet|auslaenderanteil|2023');
  const chart = page.getByTestId('trend-chart');
  await expect(chart).toBeVisible();
  const rest = chart.locator('[data-series="rest:pa-e2e"]');
  await expect(rest).toHaveCount(1);
  await expect(rest).toHaveAttribute('data-testid', 'trend-rest');
  // a drawn line, not an empty path
  expect(((await rest.getAttribute('d')) ?? '').length).toBeGreaterThan(20);
  await expect(chart.locator('[data-series="ref:stadt:14713000"]')).toHaveCount(1);
  await expect(chart).toContainText('übrige Stadt');
  // the crosshair reads the rest's value in 2023 (keyboard: End goes to the last year)
  const expected = restOfCity(2023).share;
  await chart.locator('svg').first().focus();
  await page.keyboard.press('End');
  await expect(chart.getByText(/übrige Stadt:/)).toContainText(de(expected, 1));

  // English
  await page.goto(`./?site=leipzig&level=programmgebiet&ind=auslaenderanteil&year=2023&sel=pa-e2e&lang=en&${PA}`);
  await waitForView(page, 'leipzig|programmgebiet|auslaenderanteil|2023');
  await expect(page.getByTestId('trend-chart')).toContainText('rest of the city');
});

test('the profile and the compare table show the rest of the city as computed from the counts', async ({ page }) => {
  const { residents, share } = restOfCity(2023);
  await page.goto(`./?site=leipzig&level=programmgebiet&ind=einwohner&year=2023&mode=profile&sel=pa-e2e&${PA}`);
  await waitForView(page, 'leipzig|programmgebiet|einwohner|2023');
  const profile = page.getByTestId('profile');
  await expect(profile.getByTestId('profile-rest-head')).toHaveText('übrige Stadt');
  const row = (ind: string) => profile.locator(`[data-testid="profile-row"][data-ind="${ind}"]`);
  await expect(row('einwohner').getByTestId('profile-value')).toHaveText('23.784');
  await expect(row('einwohner').getByTestId('profile-rest')).toHaveText(de(residents, 0));
  await expect(row('auslaenderanteil').getByTestId('profile-rest')).toContainText(de(share, 1));
  // an indicator shown only at its own level has no rest either
  await expect(row('sgb2_quote').getByTestId('profile-rest')).not.toContainText(/\d/);

  await page.goto(`./?site=leipzig&level=programmgebiet&ind=einwohner&year=2023&mode=compare&sel=pa-e2e&${PA}`);
  await waitForView(page, 'leipzig|programmgebiet|einwohner|2023');
  const table = page.getByTestId('compare-table');
  await expect(table.getByTestId('compare-rest-head')).toHaveText('übrige Stadt');
  await expect(table.locator('[data-testid="compare-row"][data-ind="einwohner"] [data-testid="compare-rest"]')).toHaveText(de(residents, 0));
});

test('with secrecy on, a rest that would give a hidden value away is hidden', async ({ page }) => {
  // The smallest count of long-term unemployed below 20 in an Ortsteil: an area of every other Ortsteil has it as its rest.
  const [head, ...lines] = readFileSync(new URL('../../data/leipzig/values.csv', import.meta.url), 'utf8').trim().split(/\r?\n/);
  const col = head!.split(',').indexOf('langzeitarbeitslose');
  const rows = lines.map((l) => l.split(',')).map((c) => ({ id: c[0]!, year: Number(c[1]), v: c[col] === '' ? null : Number(c[col]) }));
  const small = rows.filter((r) => r.v !== null && r.v > 0 && r.v < 20).sort((a, b) => a.v! - b.v! || b.year - a.year)[0]!;
  const others = [...new Set(rows.map((r) => r.id))].filter((id) => id !== small.id);
  const pa = `pa=${encodeURIComponent(`pa-most~Fast%20alles~own~~${others.join(',')}~0072b2`)}`;
  const view = `./?site=leipzig&level=programmgebiet&ind=langzeitarbeitslose&year=${small.year}&mode=profile&sel=pa-most&${pa}`;
  const row = page.getByTestId('profile').locator('[data-testid="profile-row"][data-ind="langzeitarbeitslose"]');
  // without secrecy the rest is that Ortsteil's count
  await page.goto(view);
  await waitForView(page, `leipzig|programmgebiet|langzeitarbeitslose|${small.year}`);
  await expect(row.getByTestId('profile-rest')).toHaveText(String(small.v));
  // with secrecy at 20 persons neither the rest nor the area (city − area would give it away) is shown
  await page.goto(`${view}&sec=20`);
  await waitForView(page, `leipzig|programmgebiet|langzeitarbeitslose|${small.year}`);
  await expect(row.getByTestId('profile-rest')).not.toContainText(/\d/);
  await expect(row.getByTestId('profile-value')).not.toContainText(/\d/);
});
