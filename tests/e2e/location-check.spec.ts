import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { fileURLToPath } from 'node:url';
import { expectOnlyOwnOrigin, waitForView } from './helpers';

expectOnlyOwnOrigin(test);

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

// Issue 16, item 2: the areas must lie in Germany with the chosen coordinate system before anything is stored.
test('a wrongly chosen coordinate system: the overview says outside, confirming needs the checkbox or a proposed system', async ({ page }) => {
  await page.goto('./?site=leipzig');
  await waitForView(page, 'leipzig|ortsteil|');
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-input').setInputFiles(fixture('import/ortsteile_25833.zip'));
  const check = page.getByTestId('location-check');
  const verdict = page.getByTestId('location-verdict');
  const confirm = page.getByTestId('import-confirm');
  const confirmOutside = page.getByTestId('location-confirm-outside');

  // The .prj says UTM 33: in Leipzig.
  await expect(page.getByTestId('import-crs')).toHaveValue('25833');
  await expect(check).toHaveAttribute('data-inside', 'true');
  await expect(verdict).toHaveText('Liegt in Deutschland (Sachsen)');
  await expect(check.locator('svg path.data')).toHaveCount(1);
  await expect(confirmOutside).toHaveCount(0);
  await expect(confirm).toBeEnabled();

  // Web Mercator by hand: the metres are read as Mercator metres, in France.
  await page.getByTestId('import-crs').selectOption('3857');
  await expect(check).toHaveAttribute('data-inside', 'false');
  await expect(verdict).toHaveText(/^Liegt bei 2,\d° O \/ 45,\d° N – außerhalb Deutschlands$/);
  await expect(confirm).toBeDisabled();
  // The note no longer says "read from the file": the user chose.
  await expect(page.getByTestId('import-crs-note')).toHaveAttribute('data-confidence', 'manual');
  // The file's own system is proposed first.
  await expect(page.getByTestId('location-propose-0')).toHaveAttribute('data-key', 'EPSG:25833');
  await expect(page.getByTestId('location-propose-0')).toContainText('EPSG:25833');
  // The overview, the warning and the proposals pass axe (WCAG 2.1 AA) like the rest of the dialog.
  const axe = await new AxeBuilder({ page }).include('[data-testid="location-check"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => `${v.id} [${v.impact}]`)).toEqual([]);

  // The checkbox allows the position outside; another choice asks again.
  await confirmOutside.check();
  await expect(confirm).toBeEnabled();
  await confirmOutside.uncheck();
  await expect(confirm).toBeDisabled();
  await confirmOutside.check();
  await page.getByTestId('import-crs').selectOption('3035');
  await expect(check).toHaveAttribute('data-inside', 'false');
  await expect(confirmOutside).not.toBeChecked();
  await expect(confirm).toBeDisabled();

  // The proposed system puts the areas back in Leipzig.
  await page.getByTestId('location-propose-0').click();
  await expect(page.getByTestId('import-crs')).toHaveValue('25833');
  await expect(check).toHaveAttribute('data-inside', 'true');
  await expect(confirm).toBeEnabled();
  await confirm.click();
  await waitForView(page, 'user-');
  await expect(page.getByTestId('ranking')).toContainText('Lößnig');
});

test('points: a wrong system blocks the import until a proposed system is chosen', async ({ page }) => {
  await page.goto('./?site=leipzig');
  await waitForView(page, 'leipzig|ortsteil|');
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-input').setInputFiles(fixture('points/kitas-25833.csv'));
  await page.getByTestId('import-crs').selectOption('25833');
  const check = page.getByTestId('location-check');
  await expect(check).toHaveAttribute('data-inside', 'true');
  await expect(page.getByTestId('location-verdict')).toHaveText('Liegt in Deutschland (Sachsen)');
  await expect(page.getByTestId('import-summary')).toHaveAttribute('data-matched', '40');
  await expect(page.getByTestId('import-confirm')).toBeEnabled();

  await page.getByTestId('import-crs').selectOption('31466');
  await expect(check).toHaveAttribute('data-inside', 'false');
  await expect(page.getByTestId('location-verdict')).toContainText('außerhalb Deutschlands');
  await expect(page.getByTestId('import-confirm')).toBeDisabled();
  // UTM 32 is proposed too (it puts the points near the Dutch border, in Germany): the user takes 33.
  await check.locator('button[data-key="EPSG:25833"]').click();
  await expect(page.getByTestId('import-crs')).toHaveValue('25833');
  await expect(check).toHaveAttribute('data-inside', 'true');
  await expect(page.getByTestId('import-summary')).toHaveAttribute('data-matched', '40');
  await expect(page.getByTestId('import-confirm')).toBeEnabled();
});
