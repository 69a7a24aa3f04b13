import { test, expect } from '@playwright/test';
import { breakNumberFormatOnce, expectOnlyOwnOrigin, failFormatOn, waitForView } from './helpers';

// An unexpected error shows a message and a way back, never a blank page.
expectOnlyOwnOrigin(test);

test('a part that fails to render shows a message with the error and a way back to the start view', async ({ page }) => {
  // The next number formatted after `__failFormat` is set throws (the legend, ranking and tooltips format numbers while rendering).
  await breakNumberFormatOnce(page, 'Testfehler beim Formatieren');
  await page.goto('./?site=leipzig&ind=arbeitslosenanteil&year=2022');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  // Armed by the change itself: the ranking flushes a moment after the map paints, and would trip it first.
  await failFormatOn(page.getByTestId('indicator-select'), 'change');
  await page.getByTestId('indicator-select').selectOption('auslaenderanteil');

  const screen = page.getByTestId('error-screen');
  await expect(screen).toBeVisible();
  await expect(screen.getByRole('alert')).toContainText('Ein unerwarteter Fehler ist aufgetreten');
  // It stands for the app: the page's main landmark and its first-level heading.
  await expect(page.getByRole('main')).toHaveAttribute('data-testid', 'error-screen');
  await expect(screen.getByRole('heading', { level: 1 })).toHaveText('Dieser Teil der Anwendung konnte nicht angezeigt werden');
  await expect(page.getByTestId('error-message')).toHaveText('Testfehler beim Formatieren');
  // The focus is on the message, the way back is the next stop for the keyboard.
  await expect(screen.getByRole('heading')).toBeFocused();
  await expect(page.getByTestId('error-reload')).toHaveText('Neu laden');
  const home = page.getByTestId('error-home');
  await expect(home).toHaveText('Zur Startansicht');
  await page.keyboard.press('Tab');
  await expect(home).toBeFocused();
  // Not a blank page: the header is gone with the layout, the message is all there is, and it leads back.
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/site=leipzig/);
  await waitForView(page, 'leipzig|ortsteil|');
  await expect(page.getByTestId('error-screen')).toHaveCount(0);
});

test('an error in a dialog shows the message over the app; "Neu laden" loads the view again', async ({ page }) => {
  // The SQL console's first result formats numbers while rendering: break the first one after the flag is set.
  await breakNumberFormatOnce(page, 'Testfehler in der Konsole');
  await page.goto('./?site=leipzig&ind=arbeitslosenanteil&year=2022');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  await page.getByTestId('sql-open').click();
  await failFormatOn(page.getByTestId('sql-run'), 'click');
  await page.getByTestId('sql-run').click();
  await expect(page.getByTestId('error-screen')).toBeVisible();
  await expect(page.getByTestId('error-message')).toHaveText('Testfehler in der Konsole');
  // The app beneath is still there (only the dialog failed).
  await expect(page.getByTestId('map')).toBeVisible();
  await page.getByTestId('error-reload').click();
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  await expect(page.getByTestId('error-screen')).toHaveCount(0);
});

test('unexpected errors outside rendering give a message that does not block; browser noise gives none', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=arbeitslosenanteil&year=2022&lang=en');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');

  // Noise: the ResizeObserver loop notice and a script of another origin (a browser extension).
  await page.evaluate(() => {
    window.dispatchEvent(new ErrorEvent('error', { message: 'ResizeObserver loop completed with undelivered notifications.' }));
    window.dispatchEvent(new ErrorEvent('error', { message: 'Uncaught TypeError: x', filename: 'chrome-extension://abc/content.js', error: new TypeError('x') }));
  });
  await page.waitForTimeout(300);
  await expect(page.getByTestId('error-toast')).toHaveCount(0);

  // A rejected promise nobody handles, and an error thrown in a timer.
  await page.evaluate(() => {
    void Promise.reject(new Error('Rejected in the test'));
    setTimeout(() => {
      throw new Error('Thrown in a timer');
    }, 0);
  });
  const toast = page.getByTestId('error-toast');
  await expect(toast).toContainText('Rejected in the test');
  await expect(toast).toContainText('Thrown in a timer');
  await expect(toast).toContainText('The app keeps running');
  await expect(toast).toHaveAttribute('role', 'alert');

  // The app works on beneath it.
  await page.getByTestId('indicator-select').selectOption('auslaenderanteil');
  await waitForView(page, 'leipzig|ortsteil|auslaenderanteil|');
  await page.getByTestId('error-toast-dismiss').click();
  await expect(toast).toHaveCount(0);
});

test('when the app cannot start at all, a plain message with a way back is shown', async ({ page }) => {
  // Break what the app reads first (the view from the URL): mounting fails.
  await page.addInitScript(() => {
    window.URLSearchParams = class {
      constructor() {
        throw new Error('URLSearchParams kaputt (Test)');
      }
    } as unknown as typeof URLSearchParams;
  });
  await page.goto('./?site=leipzig');
  const box = page.getByTestId('start-failure');
  await expect(box).toBeVisible();
  await expect(box).toHaveAttribute('role', 'alert');
  await expect(box.getByRole('heading')).toHaveText('Der Quartiersatlas konnte nicht gestartet werden');
  await expect(box).toContainText('URLSearchParams kaputt (Test)');
  await expect(box.getByTestId('error-home')).toHaveText('Zur Startansicht');
  await expect(box.getByTestId('error-reload')).toHaveText('Neu laden');
});
