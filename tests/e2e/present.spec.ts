import { test, expect, type Page } from '@playwright/test';
import { countMapPixels, expectOnlyOwnOrigin, waitForView } from './helpers';

// Saved views ("Ansichten") and the presentation mode, tried as a presenter would.
expectOnlyOwnOrigin(test);

const A = 'leipzig|ortsteil|arbeitslosenanteil|2022|';
const B = 'leipzig|ortsteil|auslaenderanteil|2010|';
const C = 'kreise|land|auslaenderanteil|2015|';

interface StoredView {
  id: string;
  title: string;
  query: string;
  camera: { center: [number, number]; zoom: number; bearing: number } | null;
}

async function storedViews(page: Page): Promise<StoredView[]> {
  return page.evaluate(() => JSON.parse(localStorage.getItem('quartiersatlas.views') ?? '{"views":[]}').views);
}

/** The titles of the saved views, in list order (polled). */
function titles(page: Page) {
  return expect.poll(() =>
    page.getByTestId('views-list').getByTestId('views-title').evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value)),
  );
}

/** Share of the map canvas coloured by areas (a zoomed-in city fills it). */
async function colouredShare(page: Page): Promise<number> {
  const { count, total } = await countMapPixels(page, 'coloured');
  return count / total;
}

async function fontSize(page: Page, selector: string): Promise<number> {
  return page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
}

test('prepare three views, reorder them, reload, present them with clicker keys and leave', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto('./');
  await waitForView(page, A);
  await expect(page.getByTestId('views-list').getByTestId('views-item')).toHaveCount(0);

  // 1: the first view as it opens.
  await page.getByTestId('save-view').click();
  await titles(page).toEqual(['Arbeitslosenanteil 2022 – Ortsteile Leipzig']);

  // 2: another indicator and year, zoomed in on the centre.
  await page.getByTestId('indicator-select').selectOption('auslaenderanteil');
  await page.getByTestId('year-input').fill('2010');
  await waitForView(page, B);
  const box = (await page.getByTestId('map').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 4; i++) {
    await page.mouse.wheel(0, -300);
    await page.waitForTimeout(150);
  }
  await page.waitForTimeout(600); // the wheel zoom eases out
  await page.getByTestId('save-view').click();
  await expect(page.getByTestId('views-item')).toHaveCount(2);

  // 3: another site and level.
  await page.getByTestId('site-select').selectOption('kreise');
  await waitForView(page, 'kreise|');
  await page.getByTestId('level-select').selectOption('land');
  await page.getByTestId('indicator-select').selectOption('auslaenderanteil');
  await page.getByTestId('year-input').fill('2015');
  await waitForView(page, C);
  await page.getByTestId('save-view').click();
  await expect(page.getByTestId('views-item')).toHaveCount(3);

  const saved = await storedViews(page);
  expect(saved.map((v) => new URLSearchParams(v.query).get('ind'))).toEqual(['arbeitslosenanteil', 'auslaenderanteil', 'auslaenderanteil']);
  expect(saved[1]!.camera!.zoom).toBeGreaterThan(saved[0]!.camera!.zoom + 0.5);
  expect(new URLSearchParams(saved[2]!.query).get('level')).toBe('land');

  // Rename the zoomed view and give it notes; move the first view down one place.
  const second = page.getByTestId('views-item').nth(1);
  await second.getByTestId('views-title').fill('Ausländeranteil im Zentrum');
  await second.getByTestId('views-notes').fill('Hier auf den Süden zeigen.');
  await page.getByTestId('views-item').first().getByTestId('views-down').click();
  const order = ['Ausländeranteil im Zentrum', 'Arbeitslosenanteil 2022 – Ortsteile Leipzig', 'Ausländeranteil 2015 – Länder Deutschland'];
  await titles(page).toEqual(order);

  await page.reload();
  await waitForView(page, C);
  await titles(page).toEqual(order);
  await expect(page.getByTestId('views-item').first().getByTestId('views-notes')).toHaveValue('Hier auf den Süden zeigen.');

  // Present: slide 1 is the zoomed Leipzig view.
  await page.getByTestId('present').click();
  await expect(page).toHaveURL(/\?mode=present&slide=1&lang=de$/);
  await waitForView(page, B);
  await expect(page.getByTestId('present-title')).toHaveText('Ausländeranteil im Zentrum');
  await expect(page.getByTestId('present-counter')).toHaveText('1 / 3');
  // The saved camera: zoomed in, the city's areas fill the map.
  await expect.poll(() => colouredShare(page)).toBeGreaterThan(0.9);
  await expect(page.getByTestId('save-view')).toBeHidden();
  await expect(page.locator('header h1')).toBeHidden();
  expect(await fontSize(page, '[data-testid="present-title"]')).toBeGreaterThanOrEqual(28);
  expect(await fontSize(page, '[data-testid="legend-class"]')).toBeGreaterThanOrEqual(20);
  await expect(page.getByTestId('legend')).toBeVisible();

  // Notes with N.
  await page.keyboard.press('n');
  await expect(page.getByTestId('present-notes')).toHaveText('Hier auf den Süden zeigen.');
  await page.keyboard.press('n');
  await expect(page.getByTestId('present-notes')).toBeHidden();

  // What a clicker sends: PageDown / PageUp; and the arrow keys.
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/mode=present&slide=2/);
  await waitForView(page, A);
  await expect(page.getByTestId('present-counter')).toHaveText('2 / 3');
  // The camera flies back out to the whole city (saved with the first view).
  await expect.poll(() => colouredShare(page)).toBeLessThan(0.75);
  await page.keyboard.press('PageDown');
  await expect(page).toHaveURL(/mode=present&slide=3/);
  await waitForView(page, C);
  await expect(page.getByTestId('present-title')).toHaveText('Ausländeranteil 2015 – Länder Deutschland');
  await page.keyboard.press('PageUp');
  await expect(page).toHaveURL(/mode=present&slide=2/);
  await waitForView(page, A);
  await page.keyboard.press('End');
  await expect(page).toHaveURL(/mode=present&slide=3/);
  await waitForView(page, C);
  await page.keyboard.press('Home');
  await expect(page).toHaveURL(/mode=present&slide=1/);
  await waitForView(page, B);
  await page.keyboard.press('PageDown');
  await waitForView(page, A);
  await expect(page.locator('.map-area')).toHaveCSS('opacity', '1');

  // Esc: back to the normal view of the current slide.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('presentation')).toBeHidden();
  await expect(page).not.toHaveURL(/mode=present/);
  await expect(page).toHaveURL(/site=leipzig&level=ortsteil&ind=arbeitslosenanteil&year=2022/);
  await expect(page.getByTestId('save-view')).toBeVisible();
  await waitForView(page, A);
});

test('a reload in the presentation opens the same slide and offers full screen', async ({ page }) => {
  await page.goto('./');
  await waitForView(page, A);
  await page.evaluate(
    ([a, c]) => {
      const view = (id: string, title: string, query: string) => ({ id, title, notes: '', query, camera: null, created: new Date().toISOString() });
      const views = [view('one', 'Eins', a!), view('two', 'Zwei', c!)];
      localStorage.setItem('quartiersatlas.views', JSON.stringify({ version: 1, views }));
    },
    [
      '?site=leipzig&level=ortsteil&ind=einwohner&year=2023&cls=quantile&k=5&lang=de',
      '?site=kreise&level=land&ind=auslaenderanteil&year=2015&cls=quantile&k=5&lang=de',
    ],
  );
  await page.goto('./?mode=present&slide=2&lang=en');
  await waitForView(page, C);
  await expect(page).toHaveURL(/\?mode=present&slide=2&lang=en$/);
  await expect(page.getByTestId('present-title')).toHaveText('Zwei');
  await expect(page.getByTestId('present-counter')).toHaveText('2 / 2');
  await expect(page.getByTestId('present-fullscreen')).toHaveText('Full screen');
  // No notice about an unknown mode: the Atlas never saw mode=present.
  await expect(page.getByTestId('notice')).toHaveCount(0);
  await page.keyboard.press('ArrowLeft');
  await waitForView(page, 'leipzig|ortsteil|einwohner|2023|');
  await expect(page).toHaveURL(/\?mode=present&slide=1&lang=en$/);

  // Browser back leaves the presentation for the previous entry; forward opens it again at its slide.
  await page.goBack();
  await expect(page.getByTestId('presentation')).toBeHidden();
  await waitForView(page, A);
  await expect(page).not.toHaveURL(/mode=present/);
  await page.goForward();
  await expect(page.getByTestId('present-counter')).toHaveText('1 / 2');
  await waitForView(page, 'leipzig|ortsteil|einwohner|2023|');
  await expect(page.getByTestId('notice')).toHaveCount(0);
  await page.getByTestId('present-exit').click();
  await expect(page).toHaveURL(/site=leipzig&level=ortsteil&ind=einwohner&year=2023.*lang=en/);
});

test('without saved views the current view is presented alone, with a hint', async ({ page }) => {
  await page.goto('./?site=leipzig&level=stadtbezirk&ind=einwohner&year=2020');
  await waitForView(page, 'leipzig|stadtbezirk|einwohner|2020|');
  await page.getByTestId('present').click();
  await expect(page.getByTestId('present-counter')).toHaveText('1 / 1');
  await expect(page.getByTestId('present-title')).toHaveText('Einwohner 2020 – Stadtbezirke Leipzig');
  await expect(page.getByTestId('present-no-views')).toBeVisible();
  await page.keyboard.press('PageDown');
  await expect(page).toHaveURL(/\?mode=present&slide=1&lang=de$/);
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/site=leipzig&level=stadtbezirk&ind=einwohner&year=2020/);
  await expect(page.getByTestId('presentation')).toBeHidden();
});

test('corrupt saved views do not break the app and are kept aside', async ({ page }) => {
  await page.goto('./');
  await waitForView(page, A);
  await page.evaluate(() => localStorage.setItem('quartiersatlas.views', '{"version":1,"views":[{"id":'));
  await page.reload();
  await waitForView(page, A);
  await expect(page.getByTestId('views-recovered')).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('quartiersatlas.views.unreadable'))).toBe('{"version":1,"views":[{"id":');
  await page.getByTestId('save-view').click();
  await expect(page.getByTestId('views-item')).toHaveCount(1);
  await page.getByTestId('views-item').getByTestId('views-delete').click();
  await expect(page.getByTestId('views-item')).toHaveCount(0);
  await page.getByTestId('views-undo').click();
  await expect(page.getByTestId('views-item')).toHaveCount(1);
});
