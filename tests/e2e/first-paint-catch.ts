// Shared by the first-paint specs (Leipzig's GeoJSON, the Gemeinden's tiles): the catalog's site boxes and
// a copy of the first paint's pixels taken the moment its canvas enters the page, before MapLibre replaces it.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

export const catalogSites = (JSON.parse(readFileSync(new URL('../../data/catalog.json', import.meta.url), 'utf8')) as {
  sites: { id: string; bounds: [number, number, number, number] }[];
}).sites;

/** The box of every pixel that is not the background, in device pixels. */
export type Box = { left: number; top: number; right: number; bottom: number };

/** Keeps a copy of the first paint's pixels in `window.__firstPaint` (read back inside page.evaluate). */
export async function catchFirstPaint(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __firstPaint?: ImageData };
    new MutationObserver((records) => {
      for (const r of records) {
        for (const node of r.addedNodes) {
          if (node instanceof HTMLCanvasElement && node.dataset.testid === 'first-paint' && !w.__firstPaint) {
            w.__firstPaint = node.getContext('2d')!.getImageData(0, 0, node.width, node.height);
          }
        }
      }
    }).observe(document, { childList: true, subtree: true });
  });
}
