import { test, expect, type Page } from '@playwright/test';
import { expectDimmed, expectOnlyOwnOrigin, mapPixels, waitForView } from './helpers';

// Every function by keyboard alone (WCAG 2.1.1): Tab, Shift+Tab, Enter, Space, arrows, Esc.
// No clicks in this file: elements are reached by pressing Tab, as a keyboard user does.
expectOnlyOwnOrigin(test);

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el ? { testid: el.getAttribute('data-testid'), tag: el.tagName.toLowerCase(), cls: el.getAttribute('class') ?? '', text: (el.textContent ?? '').trim().slice(0, 40) } : null;
  });

/** Presses Tab until the focused element matches; fails if it is not reached within `max` presses. */
async function tabTo(page: Page, match: string | ((el: { testid: string | null; tag: string; cls: string; text: string }) => boolean), max = 200): Promise<number> {
  const test = typeof match === 'string' ? (el: { testid: string | null }) => el.testid === match : match;
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    const el = await focused(page);
    if (el && test(el)) return i;
  }
  throw new Error(`${String(match)} not reached with ${max} × Tab`);
}

const fingerprint = async (page: Page) => (await mapPixels(page, [])).fingerprint.join(',');
const selection = (page: Page) => new URL(page.url()).searchParams.get('sel')?.split(',').filter(Boolean) ?? [];

test('the main functions by keyboard: dialog, indicator, ranking, map, the map as a table', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./?site=leipzig&ind=arbeitslosenanteil&year=2022');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');

  // The first stop is the skip link.
  await page.keyboard.press('Tab');
  expect((await focused(page))?.text).toBe('Zur Karte springen');

  // A dialog: opens with Enter, keeps the focus inside, closes with Esc and gives the focus back.
  await tabTo(page, 'import-open');
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog).toBeVisible();
  for (let i = 0; i < 25; i++) {
    const inside = await page.evaluate(() => {
      const el = document.activeElement;
      return !el || el === document.body || Boolean(el.closest('[data-testid="import-dialog"]'));
    });
    expect(inside, `focus left the dialog after ${i} × Tab`).toBe(true);
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  expect((await focused(page))?.testid).toBe('import-open');

  // The indicator: a select changes with the arrow keys.
  await tabTo(page, 'indicator-select');
  const before = await page.getByTestId('indicator-select').inputValue();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('indicator-select')).not.toHaveValue(before);
  const ind = await page.getByTestId('indicator-select').inputValue();
  await waitForView(page, `leipzig|ortsteil|${ind}|`);

  // Areas selected in the ranking: Enter or Space on a row, arrows between rows.
  await tabTo(page, 'ranking-row');
  await page.keyboard.press('Enter');
  await expect.poll(() => selection(page)).toHaveLength(1);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press(' ');
  await expect.poll(() => selection(page)).toHaveLength(2);

  // The map: MapLibre's keyboard handlers (+ zooms, arrows pan).
  await tabTo(page, (el) => el.cls.includes('maplibregl-canvas'));
  const shown = await fingerprint(page);
  await page.keyboard.press('+');
  await expect.poll(() => fingerprint(page)).not.toBe(shown);
  const zoomed = await fingerprint(page);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => fingerprint(page)).not.toBe(zoomed);

  // The map as a table: opens with Enter, sorts with a header button, selects with Space, closes with Esc.
  await tabTo(page, 'map-table-toggle');
  await expect(page.getByTestId('map-table-toggle')).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Enter');
  const table = page.getByTestId('map-table');
  await expect(table).toBeVisible();
  await expect(page.getByTestId('map-table-toggle')).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('map-table-row')).toHaveCount(63);
  await tabTo(page, (el) => el.testid === 'map-table-sort' && /Wert/.test(el.text), 10);
  await page.keyboard.press('Enter');
  await expect(table.locator('th[aria-sort="descending"]')).toContainText('Wert');
  // The first row is the highest value: the area selected first in the ranking. Space takes it out of the selection.
  const first = (await page.getByTestId('map-table-row').first().getAttribute('data-id'))!;
  expect(selection(page)).toContain(first);
  await tabTo(page, 'map-table-select', 10);
  await expect(page.getByTestId('map-table-select').first()).toBeChecked();
  await page.keyboard.press(' ');
  await expect.poll(() => selection(page)).not.toContain(first);
  await expect(page.getByTestId('map-table-select').first()).not.toBeChecked();
  await page.keyboard.press(' ');
  await expect.poll(() => selection(page)).toContain(first);
  await page.keyboard.press('Escape');
  await expect(table).toHaveCount(0);
  expect((await focused(page))?.testid).toBe('map-table-toggle');
});

test('view modes and the year by keyboard; the swipe divider moves with the arrow keys', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=arbeitslosenanteil&year=2022&from=2006');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  await tabTo(page, 'year-input');
  await page.keyboard.press('ArrowLeft');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2021');

  await tabTo(page, 'mode-select');
  await page.keyboard.press('ArrowDown');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2021|change');

  await page.goto('./?site=leipzig&ind=arbeitslosenanteil&year=2022&from=2006&mode=swipe');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022|swipe');
  await tabTo(page, 'swipe-divider');
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('swipe-divider')).toHaveValue('45');
  await expect(page.locator('[data-testid="swipe"] .right')).toHaveAttribute('style', /inset\(0(px)? 0(px)? 0(px)? 45%\)/);
});

test('the scatter brush by keyboard: a range typed in numbers highlights the areas inside it on the map', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=arbeitslosenanteil&ind2=auslaenderanteil&year=2022&mode=scatter');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  const points = page.getByTestId('scatter').getByTestId('scatter-point');
  await expect(points).toHaveCount(63);
  const values = await points.evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-id')!, x: Number(e.getAttribute('data-x')), y: Number(e.getAttribute('data-y')) })));
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
  // Lower bounds at the medians (typed with a German decimal comma), upper bounds left open.
  const x0 = Math.round(median(values.map((v) => v.x)) * 10) / 10;
  const y0 = Math.round(median(values.map((v) => v.y)) * 10) / 10;
  const expected = values.filter((v) => v.x >= x0 && v.y >= y0).map((v) => v.id).sort();
  expect(expected.length).toBeGreaterThan(0);
  expect(expected.length).toBeLessThan(63);
  const before = await mapPixels(page);

  // A typing mistake gets a message and changes nothing.
  await tabTo(page, 'scatter-range-x0');
  await page.keyboard.type('zehn');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Keine Zahl' })).toContainText('„zehn“');
  await expect(page.getByTestId('scatter-brushed')).toHaveCount(0);

  await page.keyboard.press('Control+A');
  await page.keyboard.type(String(x0).replace('.', ','));
  await tabTo(page, 'scatter-range-y0');
  await page.keyboard.type(String(y0).replace('.', ','));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('scatter-brushed')).toContainText(`${expected.length} Gebiete markiert`);
  const brushed = await points.evaluateAll((els) => els.filter((e) => e.getAttribute('data-brushed') === 'true').map((e) => e.getAttribute('data-id')!));
  expect(brushed.sort()).toEqual(expected);
  // The map dims the others, as with a dragged rectangle.
  await expectDimmed(page, before, 0.9);

  // The highlight is cleared by keyboard too; the fields empty with it.
  await tabTo(page, (el) => el.tag === 'button' && el.text === 'Markierung aufheben');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('scatter-brushed')).toHaveCount(0);
  await expect(page.getByTestId('scatter-range-x0')).toHaveValue('');
  expect(await points.evaluateAll((els) => els.filter((e) => e.getAttribute('data-brushed') === 'true').length)).toBe(0);
});

test('the trend chart crosshair by keyboard: the arrows step through the years and read out the values', async ({ page }) => {
  await page.goto('./?site=leipzig&level=ortsteil&ind=arbeitslose&year=2022&sel=00,70');
  await waitForView(page, 'leipzig|ortsteil|arbeitslose|2022');
  const chart = page.getByTestId('trend-chart');
  await expect(chart.getByTestId('trend-line')).toHaveCount(2);
  const slider = chart.getByRole('slider');
  await tabTo(page, (el) => el.tag === 'svg' && el.testid === null && el.cls.includes('svelte'));
  await expect(slider).toBeFocused();
  const last = Number(await slider.getAttribute('aria-valuemax'));
  await expect(chart.getByTestId('trend-crosshair')).toHaveText(String(last));
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(chart.getByTestId('trend-crosshair')).toHaveText(String(last - 2));
  // The values of that year for every line, as text for screen readers: area names and numbers.
  await expect(slider).toHaveAttribute('aria-valuetext', new RegExp(`^${last - 2}: .*Leipzig \\d`));
  await page.keyboard.press('Home');
  await expect(chart.getByTestId('trend-crosshair')).toHaveText(await slider.getAttribute('aria-valuemin') ?? '');
  await page.keyboard.press('Escape');
  await expect(chart.getByTestId('trend-crosshair')).toHaveCount(0);
});

test('saving a view and presenting it by keyboard; Esc ends the presentation', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=arbeitslosenanteil&year=2022');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  await tabTo(page, 'save-view');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('views-item')).toHaveCount(1);
  // Saving puts the focus in the new view's title, ready to be named.
  expect((await focused(page))?.testid).toBe('views-title');
  await page.keyboard.type(' (Tastatur)');
  await page.keyboard.press('Enter');
  await tabTo(page, 'present');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('presentation')).toBeVisible();
  await expect(page.getByTestId('present-title')).toContainText('(Tastatur)');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('presentation')).toBeHidden();
});

for (const [name, url, key] of [
  ['map', './?site=leipzig&ind=arbeitslosenanteil&year=2022&sel=00', 'leipzig|ortsteil|arbeitslosenanteil|2022'],
  ['compare', './?site=leipzig&ind=arbeitslosenanteil&year=2022&mode=compare&sel=00,70', 'leipzig|ortsteil|arbeitslosenanteil|2022'],
  ['scatter', './?site=leipzig&ind=arbeitslosenanteil&ind2=auslaenderanteil&year=2022&mode=scatter', 'leipzig|ortsteil|arbeitslosenanteil|2022'],
] as const) {
  test(`every visible control is reached with Tab (${name})`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(url);
    await waitForView(page, key);
    await page.waitForTimeout(1000); // the analysis panel and the ranking follow the map
    // Mark every visible, enabled control that belongs in the tab order.
    const total = await page.evaluate(() => {
      const selector = 'a[href], button, input, select, textarea, summary, [tabindex]';
      let n = 0;
      for (const el of document.querySelectorAll<HTMLElement>(selector)) {
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        const hidden = box.width === 0 || box.height === 0 || style.visibility === 'hidden' || el.closest('[hidden], [inert]');
        const skipped = el.tabIndex < 0 || (el as HTMLButtonElement).disabled || el.closest('details:not([open]) > :not(summary)');
        if (hidden || skipped || el.classList.contains('visually-hidden')) continue;
        el.dataset.kbTarget = String(n++);
      }
      return n;
    });
    expect(total).toBeGreaterThan(15);
    const reached = new Set<string>();
    for (let i = 0; i < total + 40 && reached.size < total; i++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.kbTarget ?? null);
      if (id !== null) reached.add(id);
    }
    const missed = await page.evaluate(
      (seen) =>
        [...document.querySelectorAll<HTMLElement>('[data-kb-target]')]
          .filter((el) => !seen.includes(el.dataset.kbTarget!))
          .map((el) => `${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}"`),
      [...reached],
    );
    expect(missed).toEqual([]);
  });
}
