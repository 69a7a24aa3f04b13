import { readFileSync } from 'node:fs';
import { expect, type Locator, type Page, type TestType, type PlaywrightTestArgs, type PlaywrightTestOptions, type PlaywrightWorkerArgs, type PlaywrightWorkerOptions } from '@playwright/test';

/** Waits until the map has painted the view with this data key prefix (site|level|ind|year) from DuckDB. */
export async function waitForView(page: Page, keyPrefix?: string): Promise<void> {
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-status', 'ready');
  if (keyPrefix) await expect(map).toHaveAttribute('data-view', new RegExp(`^${escape(keyPrefix)}.*\\|db$`));
  else await expect(map).toHaveAttribute('data-view', /\|db$/);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface PixelStats {
  width: number;
  height: number;
  /** Pixel counts per legend colour (exact matches). */
  perColor: Record<string, number>;
  /** Pixels that differ from the plain background. */
  nonBackground: number;
  /** A coarse fingerprint of the picture, to tell two renderings apart. */
  fingerprint: number[];
}

/** Reads the map canvas (drawing buffer is preserved) and counts pixels; perColor counts the legend's colours or the given ones. */
/** Waits until the map shows fewer pixels in the legend's class colours than `ratio` × before (the brush dims the rest). */
export async function expectDimmed(page: Page, before: PixelStats, ratio: number): Promise<void> {
  const sum = (p: PixelStats) => Object.values(p.perColor).reduce((a, b) => a + b, 0);
  await expect.poll(async () => sum(await mapPixels(page)) < sum(before) * ratio).toBe(true);
}

export async function mapPixels(page: Page, wanted?: readonly string[]): Promise<PixelStats> {
  const colors =
    wanted?.map((c) => c.toLowerCase()) ??
    (await page.locator('[data-testid="legend-class"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-color') ?? '')));
  return page.evaluate((legendColors) => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="map"] canvas');
    if (!canvas) throw new Error('no map canvas');
    const off = document.createElement('canvas');
    off.width = canvas.width;
    off.height = canvas.height;
    const ctx = off.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(canvas, 0, 0);
    const { data } = ctx.getImageData(0, 0, off.width, off.height);
    const hex = (r: number, g: number, b: number) =>
      '#' + [r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('');
    const perColor: Record<string, number> = Object.fromEntries(legendColors.map((c) => [c, 0]));
    let nonBackground = 0;
    const fingerprint = new Array<number>(64).fill(0);
    for (let i = 0; i < data.length; i += 4) {
      const c = hex(data[i]!, data[i + 1]!, data[i + 2]!);
      if (c in perColor) perColor[c]!++;
      if (c !== '#f3f1ec') nonBackground++;
      const px = (i / 4) % off.width;
      const py = Math.floor(i / 4 / off.width);
      const cell = Math.floor((py / off.height) * 8) * 8 + Math.floor((px / off.width) * 8);
      fingerprint[cell]! += data[i]! + 2 * data[i + 1]! + 3 * data[i + 2]!;
    }
    return { width: off.width, height: off.height, perColor, nonBackground, fingerprint };
  }, colors);
}

type Test = TestType<PlaywrightTestArgs & PlaywrightTestOptions, PlaywrightWorkerArgs & PlaywrightWorkerOptions>;

/** Logs every request of every test in the file and checks, after all, that none left the app's origin. */
export function expectOnlyOwnOrigin(test: Test, origin = `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}/`): void {
  const requests: string[] = [];
  test.beforeEach(({ page }) => {
    page.on('request', (req) => requests.push(req.url()));
  });
  test.afterAll(() => {
    expect(requests.length).toBeGreaterThan(10);
    const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(foreign).toEqual([]);
  });
}

/**
 * Counts pixels over all canvases of the map (MapLibre's and deck.gl's overlays, composited):
 * 'coloured' = neither the background nor a grey; 'blue' = clearly blue (trend arrows on a warm palette).
 */
export async function countMapPixels(
  page: Page,
  kind: 'coloured' | 'blue',
): Promise<{ count: number; total: number; cx: number; cy: number }> {
  return page.evaluate((which) => {
    const canvases = [...document.querySelectorAll<HTMLCanvasElement>('[data-testid="map"] canvas')];
    const first = canvases[0];
    if (!first) throw new Error('no map canvas');
    const off = document.createElement('canvas');
    off.width = first.width;
    off.height = first.height;
    const ctx = off.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    for (const c of canvases) ctx.drawImage(c, 0, 0, off.width, off.height);
    const { data } = ctx.getImageData(0, 0, off.width, off.height);
    let count = 0;
    let sx = 0;
    let sy = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      const hit =
        which === 'blue'
          ? b > r + 60 && b > 120
          : !(Math.abs(r - g) < 8 && Math.abs(g - b) < 8) && !(r === 0xf3 && g === 0xf1 && b === 0xec);
      if (hit) {
        count++;
        sx += (i / 4) % off.width;
        sy += Math.floor(i / 4 / off.width);
      }
    }
    // Centroid of the hits in CSS pixels (where they are, to follow a pan).
    const scale = off.width / first.clientWidth;
    return { count, total: data.length / 4, cx: count ? sx / count / scale : 0, cy: count ? sy / count / scale : 0 };
  }, kind);
}

/** Pixels of the map canvas with exactly these colours ('#rrggbb'). */
export async function colorPixels(page: Page, colors: readonly string[]): Promise<Record<string, number>> {
  return (await mapPixels(page, colors)).perColor;
}

/**
 * Makes the next number formatted after `window.__failFormat = true` throw `message` (the legend, ranking,
 * tooltips and the SQL console format numbers while rendering): an unexpected error on demand.
 */
export async function breakNumberFormatOnce(page: Page, message: string): Promise<void> {
  await page.addInitScript((msg) => {
    const desc = Object.getOwnPropertyDescriptor(Intl.NumberFormat.prototype, 'format')!;
    Object.defineProperty(Intl.NumberFormat.prototype, 'format', {
      configurable: true,
      get(this: Intl.NumberFormat) {
        const format = desc.get!.call(this) as (v: number) => string;
        return (v: number) => {
          const w = window as unknown as { __failFormat?: boolean };
          if (w.__failFormat) {
            w.__failFormat = false;
            throw new Error(msg);
          }
          return format(v);
        };
      },
    });
  }, message);
}

/**
 * Arms breakNumberFormatOnce by the user's own action on `target` (its `event`, capture phase, before the app
 * sees it): armed any earlier, a panel still rendering the previous answer could trip it instead.
 */
export async function failFormatOn(target: Locator, event: 'change' | 'click'): Promise<void> {
  await target.evaluate(
    (el, type) => el.addEventListener(type, () => ((window as unknown as { __failFormat?: boolean }).__failFormat = true), { capture: true, once: true }),
    event,
  );
}

/** Ids of the bundled programme areas (data/programme-areas/examples.json). */
export const BUNDLED_PROGRAMME_AREAS = ['pa-ex-gruenau', 'pa-ex-leipziger-osten', 'pa-ex-schoenefeld-mockau', 'pa-ex-verden-nord'];

/**
 * Hides the bundled programme areas before every page of the file loads (as a user hides them:
 * localStorage, state/programme-examples.ts), for tests that count the user's own areas.
 */
export function withoutBundledProgrammeAreas(test: Test): void {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript((ids) => localStorage.setItem('quartiersatlas.examples.hidden', JSON.stringify(ids)), BUNDLED_PROGRAMME_AREAS);
  });
}

/** Residents 2023 per Ortsteil, from the bundled values.csv. */
export function residents2023(): Map<string, number> {
  const [head, ...lines] = readFileSync(new URL('../../data/leipzig/values.csv', import.meta.url), 'utf8').trim().split('\n');
  const cols = head!.split(',');
  const [iId, iYear, iEw] = ['area_id', 'year', 'einwohner'].map((c) => cols.indexOf(c));
  const out = new Map<string, number>();
  for (const line of lines) {
    const f = line.split(',');
    if (f[iYear!] === '2023' && f[iEw!] !== '') out.set(f[iId!]!, Number(f[iEw!]));
  }
  return out;
}
