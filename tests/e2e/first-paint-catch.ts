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

export interface Compared {
  size: [number, number][];
  extents: Box[];
  /** Per point: the first paint's colour at it and `cross` px around it (5 values), then MapLibre's. */
  at: string[][];
  /** Pixels whose colour differs by more than `tolerance` (sum of RGB) between the two, of all pixels. */
  differing: number;
  total: number;
}

/**
 * The first paint (as caught) and MapLibre's canvas (its drawing buffer is preserved): their sizes, the box of every
 * pixel that is not the background (where the areas are), the colours at `points` (CSS px) with a cross of `cross` px
 * around each in the first paint (to tell points well inside an area), and how many pixels differ by more than `tolerance`.
 */
export async function compareFirstPaint(page: Page, points: [number, number][], { cross, tolerance }: { cross: number; tolerance: number }): Promise<Compared | null> {
  return page.evaluate(
    ({ pts, cross, tolerance }) => {
      const first = (window as unknown as { __firstPaint?: ImageData }).__firstPaint;
      if (!first) return null;
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="map"] canvas.maplibregl-canvas')!;
      const off = document.createElement('canvas');
      off.width = canvas.width;
      off.height = canvas.height;
      const ctx = off.getContext('2d')!;
      ctx.drawImage(canvas, 0, 0);
      const live = ctx.getImageData(0, 0, off.width, off.height);
      const hex = (d: ImageData, x: number, y: number) => {
        const i = (Math.round(y) * d.width + Math.round(x)) * 4;
        return '#' + [d.data[i]!, d.data[i + 1]!, d.data[i + 2]!].map((v) => v.toString(16).padStart(2, '0')).join('');
      };
      const extent = (d: ImageData) => {
        let left = Infinity, top = Infinity, right = -Infinity, bottom = -Infinity;
        for (let y = 0; y < d.height; y++) {
          for (let x = 0; x < d.width; x++) {
            const i = (y * d.width + x) * 4;
            if (Math.abs(d.data[i]! - 0xf3) + Math.abs(d.data[i + 1]! - 0xf1) + Math.abs(d.data[i + 2]! - 0xec) <= 6) continue;
            left = Math.min(left, x); right = Math.max(right, x); top = Math.min(top, y); bottom = Math.max(bottom, y);
          }
        }
        return { left, top, right, bottom };
      };
      let differing = 0;
      if (first.width === live.width && first.height === live.height) {
        for (let i = 0; i < first.data.length; i += 4) {
          const d = Math.abs(first.data[i]! - live.data[i]!) + Math.abs(first.data[i + 1]! - live.data[i + 1]!) + Math.abs(first.data[i + 2]! - live.data[i + 2]!);
          if (d > tolerance) differing++;
        }
      }
      const at = pts.map(([x, y]) => [
        ...[[0, 0], [-cross, 0], [cross, 0], [0, -cross], [0, cross]].map(([dx, dy]) => hex(first, x + dx!, y + dy!)),
        hex(live, x, y),
      ]);
      return { size: [[first.width, first.height], [live.width, live.height]] as [number, number][], extents: [extent(first), extent(live)], at, differing, total: first.width * first.height };
    },
    { pts: points, cross, tolerance },
  );
}
