import { test, expect } from '@playwright/test';
import { waitForView } from './helpers';

// Not expectOnlyOwnOrigin: this test turns the online basemap on, on purpose.
const VIEW = './?site=leipzig&ind=arbeitslosenanteil&year=2022';

test('the online basemap stays off unless chosen, and says what it sends where', async ({ page }) => {
  const foreign: string[] = [];
  const others: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('http://127.0.0.1') && !/^(data|blob):/.test(r.url()) && !/openfreemap\.org/.test(r.url())) others.push(r.url());
  });
  await page.route(/openfreemap\.org/, (route) => {
    foreign.push(route.request().url());
    return route.abort();
  });
  await page.goto(VIEW);
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  await expect(page.getByTestId('basemap-toggle')).not.toBeChecked();
  expect(foreign).toEqual([]);
  await page.getByText('Hintergrundkarte', { exact: true }).click();
  await expect(page.getByTestId('basemap-note')).toContainText('tiles.openfreemap.org');
  await page.getByTestId('basemap-toggle').click();
  // Offline here: the request is tried only now, fails, and the map stays as it was.
  await expect.poll(() => foreign.length).toBeGreaterThan(0);
  await expect(page.getByTestId('basemap-toggle')).not.toBeChecked();
  await expect(page.getByTestId('map')).toHaveAttribute('data-view', /^leipzig\|ortsteil\|arbeitslosenanteil\|2022/);
  expect(others).toEqual([]);
});
