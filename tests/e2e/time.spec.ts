import { test, expect } from '@playwright/test';
import { expectOnlyOwnOrigin, mapPixels, waitForView } from './helpers';

expectOnlyOwnOrigin(test);

test('the year player advances the year in the URL and the map, and stops at the last year', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=einwohner&year=2019');
  await waitForView(page, 'leipzig|ortsteil|einwohner|2019');
  const before = await mapPixels(page);
  await page.getByTestId('play-speed').selectOption('250');
  const play = page.getByTestId('play');
  await expect(play).toHaveAttribute('aria-pressed', 'false');
  await play.click();
  await expect(play).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/year=2020/);
  await expect(page).toHaveURL(/year=2023/);
  await waitForView(page, 'leipzig|ortsteil|einwohner|2023');
  // Stopped at the last year, and the map shows another year than before.
  await expect(play).toHaveAttribute('aria-pressed', 'false');
  expect((await mapPixels(page)).fingerprint).not.toEqual(before.fingerprint);
  await expect(page.getByTestId('year-value')).toHaveText('2023');
});

test('the player is keyboard operable and a control change stops it', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=einwohner&year=2000');
  await waitForView(page, 'leipzig|ortsteil|einwohner|2000');
  await page.getByTestId('play-speed').selectOption('2000');
  await page.getByTestId('play').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/year=2001/, { timeout: 10_000 });
  await page.getByTestId('indicator-select').selectOption('auslaender');
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
});
