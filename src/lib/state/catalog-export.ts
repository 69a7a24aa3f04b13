// The area catalogue as the app makes it: which areas (every area of the shown level, the
// selected ones, or the programme areas), the model from the value cache on the main
// thread (queries run in DuckDB's worker; the rest takes a few milliseconds), then the
// file written in the catalogue's worker. Progress in three stages; cancel at any time.
// Hooks for tests and benchmarks: performance.measure 'atlas:catalog-model' (the model) and
// 'atlas:catalog' (click to file).
import type { App } from './app.svelte';
import { levelGeometry } from '../data/geometry';
import { PROGRAMME_LEVEL } from '../data/programme-areas';
import { translate } from '../i18n';
import { buildCatalogModel } from './catalog-build';
import { writeCatalog } from '../io/export/catalog/catalog-client';
import type { CatalogFormat } from '../io/export/catalog/catalog-model';

export type CatalogScope = 'all' | 'selected' | 'programme';

export interface ScopeChoice {
  scope: CatalogScope;
  level: string;
  ids: string[];
}

/** The scopes the view offers, with their areas (the programme areas only where the site has them). */
export async function catalogScopes(app: App): Promise<ScopeChoice[]> {
  const cache = app.data.values;
  if (!cache) return [];
  const { view } = app.views;
  const site = app.views.site;
  if (site.kind === 'grid') return [];
  const all = [...(await cache.names(site, view.level)).keys()];
  const scopes: ScopeChoice[] = [{ scope: 'all', level: view.level, ids: all }];
  if (view.sel.length > 0) scopes.push({ scope: 'selected', level: view.level, ids: [...view.sel] });
  if (view.level !== PROGRAMME_LEVEL && site.levels.some((l) => l.id === PROGRAMME_LEVEL)) {
    scopes.push({ scope: 'programme', level: PROGRAMME_LEVEL, ids: [...(await cache.names(site, PROGRAMME_LEVEL)).keys()] });
  }
  return scopes;
}

export type CatalogStage = { stage: 'data'; done: number; total: number } | { stage: 'layout' } | { stage: 'write'; fraction: number };

/** Overall share done (0–1) of a stage: data 0–15 %, layout 15–40 %, writing 40–100 %. */
export function stageFraction(p: CatalogStage): number {
  if (p.stage === 'data') return 0.15 * (p.total ? p.done / p.total : 0);
  if (p.stage === 'layout') return 0.15;
  return 0.4 + 0.6 * p.fraction;
}

export interface CatalogRun {
  result: Promise<{ blob: Blob; fileName: string; pages: number }>;
  cancel(): void;
}

/** Makes the catalogue of `choice` with `indicators` (ids; all of the site when empty) as `format`. */
export function makeCatalog(app: App, choice: ScopeChoice, format: CatalogFormat, indicators: readonly string[], progress: (p: CatalogStage) => void): CatalogRun {
  const lang = app.views.view.lang;
  const controller = new AbortController();
  let cancelWorker: (() => void) | null = null;
  const report = (p: CatalogStage) => {
    if (!controller.signal.aborted) progress(p);
  };
  const result = (async () => {
    const cache = app.data.values;
    if (!cache) throw new Error(translate(lang, 'catalog.waiting'));
    const { view } = app.views;
    const site = app.views.site;
    cache.setSecrecy(view.sec);
    const chosen = indicators.length > 0 ? site.indicators.filter((i) => indicators.includes(i.id)) : site.indicators;
    performance.mark('atlas:catalog-start');
    const model = await buildCatalogModel(
      { site, level: choice.level, ids: choice.ids, indicators: chosen, year: view.year, lang, sec: view.sec },
      { cache, geometry: levelGeometry, source: (key) => app.sites.source(key) },
      (done, total) => report({ stage: 'data', done, total }),
      controller.signal,
    );
    performance.measure('atlas:catalog-model', 'atlas:catalog-start');
    report({ stage: 'layout' });
    const job = writeCatalog(format, model, (fraction) => report({ stage: 'write', fraction }), translate(lang, 'catalog.cancelled'));
    cancelWorker = job.cancel;
    if (controller.signal.aborted) job.cancel();
    const { blob, pages } = await job.result;
    performance.measure('atlas:catalog', 'atlas:catalog-start');
    return { blob, pages, fileName: `${model.fileStem}.${format}` };
  })();
  return {
    result,
    cancel: () => {
      controller.abort();
      cancelWorker?.();
    },
  };
}
