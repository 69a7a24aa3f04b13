import { test, expect } from '@playwright/test';
import { expectOnlyOwnOrigin, withoutBundledProgrammeAreas, waitForView } from './helpers';

expectOnlyOwnOrigin(test);
// These tests count the user's own programme areas.
withoutBundledProgrammeAreas(test);

const VIEW = './?site=leipzig&level=ortsteil&ind=einwohner&year=2023';

test('a programme area from three Ortsteile clicked in the ranking: 23.784 residents, kept across a reload', async ({ page }) => {
  await page.goto(VIEW);
  await waitForView(page, 'leipzig|ortsteil|einwohner|2023');
  await expect(page.getByTestId('pa-list')).toHaveCount(0);
  for (const name of ['Zentrum', 'Zentrum-Ost', 'Zentrum-Südost']) {
    await page.getByTestId('ranking-row').filter({ hasText: new RegExp(`^\\s*\\d*\\.?\\s*${name}\\b(?!-)`) }).first().click();
  }
  await page.getByTestId('pa-new').click();
  await expect(page.getByTestId('pa-keys')).toHaveValue(/00/);
  await expect(page.getByTestId('pa-keys')).toHaveValue(/01/);
  await expect(page.getByTestId('pa-keys')).toHaveValue(/02/);
  await page.getByTestId('pa-name').fill('Leipziger Osten (Test)');
  await page.getByTestId('pa-programme').selectOption('esf-plus');
  await page.getByTestId('pa-start').fill('2015');
  await page.getByTestId('pa-save').click();

  await waitForView(page, 'leipzig|programmgebiet|einwohner|2023');
  await expect(page.getByTestId('ranking-row')).toHaveCount(1);
  await expect(page.getByTestId('ranking-row').first()).toContainText('23.784');
  await expect(page.getByTestId('pa-item')).toHaveCount(1);
  await expect(page.getByTestId('pa-item').getByTestId('pa-rename')).toHaveValue('Leipziger Osten (Test)');

  await page.reload();
  await waitForView(page, 'leipzig|programmgebiet|einwohner|2023');
  await expect(page.getByTestId('pa-item')).toHaveCount(1);
  await expect(page.getByTestId('ranking-row').first()).toContainText('23.784');
});

test('pasted keys: leading zeros restored, unknown keys named; delete and undo', async ({ page }) => {
  await page.goto(VIEW);
  await waitForView(page, 'leipzig|ortsteil|einwohner|2023');
  await page.getByTestId('pa-new').click();
  await page.getByTestId('pa-name').fill('Zentrum (Schlüssel)');
  await page.getByTestId('pa-keys').fill('0; 1\n2, 999');
  await page.getByTestId('pa-save').click();
  await waitForView(page, 'leipzig|programmgebiet|einwohner|2023');
  await expect(page.getByTestId('ranking-row').first()).toContainText('23.784');
  await expect(page.getByTestId('pa-item')).toHaveCount(1);

  // A name, but nothing that exists: a message, nothing saved.
  await page.getByTestId('pa-new').click();
  await page.getByTestId('pa-name').fill('Nirgendwo');
  await page.getByTestId('pa-keys').fill('998 999');
  await page.getByTestId('pa-save').click();
  await expect(page.getByTestId('pa-unknown')).toContainText('998, 999');
  await expect(page.getByTestId('pa-error')).toContainText('Keines der angegebenen Gebiete');
  await expect(page.getByTestId('pa-item')).toHaveCount(1);

  await page.getByTestId('pa-item').getByTestId('pa-delete').click();
  await expect(page.getByTestId('pa-item')).toHaveCount(0);
  await page.getByTestId('pa-undo').click();
  await expect(page.getByTestId('pa-item')).toHaveCount(1);
});
