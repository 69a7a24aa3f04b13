// Similar areas across sites (simx=1) as a user gets there: on the Kreise site the option appears
// once the compared indicators are ones the Gemeinden site (which has a kreis level) has too; the
// 400 Kreise both sites hold are compared once, with the Kreise site's values.
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { expectOnlyOwnOrigin, waitForView } from './helpers';

expectOnlyOwnOrigin(test);

const ids = (page: Page) => page.getByTestId('similar-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));

test('Kreise: "also across sites" is offered for shared indicators, and the shared Kreise are not listed twice', async ({ page }) => {
  await page.goto('./?site=kreise&level=kreis&ind=auslaenderanteil&year=2021&mode=similar&sel=14713');
  await waitForView(page, 'kreise|kreis|auslaenderanteil|2021');
  const panel = page.getByTestId('similar-areas');
  await expect(panel.getByTestId('similar-row')).toHaveCount(10);
  // The default indicators (the Kreise site's shares) are not all in the Gemeinden site: no option.
  await expect(panel.getByTestId('similar-across')).toHaveCount(0);

  await page.goto('./?site=kreise&level=kreis&ind=auslaenderanteil&year=2021&mode=similar&sel=14713&sim=auslaenderanteil');
  await waitForView(page, 'kreise|kreis|auslaenderanteil|2021');
  await expect(panel.getByTestId('similar-row')).toHaveCount(10);
  const within = await ids(page);
  const across = panel.getByTestId('similar-across');
  await expect(across).toBeVisible();
  await expect(across).not.toBeChecked();
  await expect(panel).toContainText('Deutschland – Gemeinden');
  await across.check();
  await expect(page).toHaveURL(/&sim=auslaenderanteil&simx=1(&|$)/);
  const note = panel.getByTestId('similar-across-note');
  await expect(note).toContainText('Deutschland – Gemeinden');
  await expect(note).toContainText('400 Gebiete');
  await expect(note).toContainText('400 Gebiete mit derselben Kennung');
  // Every Kreis of the Gemeinden site has a Kreise-site twin: the list stays the Kreise site's own.
  await expect(panel.getByTestId('similar-foreign')).toHaveCount(0);
  expect(await ids(page)).toEqual(within);
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).include('[data-testid="similar-areas"]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await across.uncheck();
  await expect(page).not.toHaveURL(/simx=/);
});
