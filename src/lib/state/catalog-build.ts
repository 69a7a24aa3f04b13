// Builds the area catalogue's model (io/export/catalog/catalog-model.ts) from the value
// cache: for every area one page with the profile's figures (AnalysisData.indicatorFigures:
// value, the reference aggregated from counts, rank), each value as the screen shows it
// ("30,7 %", "< 1 %", ".", "keine Angabe"), the deviation, a sparkline, the locator map
// and the generated text. The writers (PDF, DOCX) only lay this out.
import type { AreaCollection } from '../data/geometry';
import type { Indicator, Level, Site, Source } from '../data/catalog-types';
import { findLevel } from '../data/catalog';
import { hierarchyLevels, isProgrammeLevel, topLevel } from '../data/programme-areas';
import { pick, translate, type Lang, type MessageKey } from '../i18n';
import '../i18n/panels-messages';
import { formatChange } from '../analysis/change';
import { formatValue, unitLabel } from '../analysis/format';
import { describeValue } from '../render/describe';
import { areaSummary, type SentenceInput } from '../render/catalog-text';
import { featuresById, locatorProjection, sparklinePaths } from '../render/catalog-drawings';
import type { CatalogModel, CatalogPage, CatalogRow } from '../io/export/catalog/catalog-model';
import { AnalysisData, type IndicatorFigures } from './analysis.svelte';
import type { ValueCache } from './value-cache';

/** More pages than this make no catalogue anyone reads (and would take minutes): choose areas or a coarser level. */
export const MAX_CATALOG_AREAS = 500;

/** Sizes in points (A4 is 595 × 842). */
export const LOCATOR_BOX = { width: 190, height: 170 } as const;
export const SPARK_BOX = { width: 84, height: 20 } as const;

export interface CatalogRequest {
  site: Site;
  /** The level of the areas (a statistical level or the programme level). */
  level: string;
  /** The areas; pages follow their names in alphabetical order. */
  ids: readonly string[];
  indicators: readonly Indicator[];
  year: number;
  lang: Lang;
  /** The view's statistical secrecy (the cache applies it; the pages say so). */
  sec: number;
}

export interface CatalogDeps {
  cache: ValueCache;
  geometry: (path: string) => Promise<AreaCollection>;
  source: (key: string) => Source | undefined;
  now?: Date;
}

/** The locator map shows at most this many areas in grey: a finer level is drawn on the next coarser one (Gemeinden on Kreise). */
export const MAX_BASE_MAP_AREAS = 600;

/** The level whose areas the locator map draws in grey: the level itself, the base level for programme areas, coarser when it has too many areas. */
export function backgroundLevel(site: Site, level: string): Level {
  const chain = hierarchyLevels(site);
  let i = isProgrammeLevel(level) ? 0 : Math.max(0, chain.findIndex((l) => l.id === level));
  while (chain[i]!.count > MAX_BASE_MAP_AREAS && i + 1 < chain.length) i++;
  return chain[i]!;
}

const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The sources of the indicators and of the boundaries, one line each. */
function sourceLines(site: Site, indicators: readonly Indicator[], source: CatalogDeps['source'], lang: Lang): string[] {
  const keys = [...new Set([...indicators.map((i) => i.source), site.geometrySource])];
  return keys.flatMap((key) => {
    const s = source(key);
    if (!s) return [];
    const licence = [s.licenceName || s.licence, s.licenceUrl].filter(Boolean).join(', ');
    return [`${pick(s.publisher, lang)} (${pick(s.vintage, lang)}): ${s.attribution}${licence ? ` – ${licence}` : ''}`];
  });
}

function rowOf(f: IndicatorFigures, id: string, year: number, lang: Lang): { row: CatalogRow; value: number | null; estimated: boolean } {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
  const ind = f.ind;
  const series = f.byArea.get(id) ?? [];
  const v = series.find((p) => p.year === f.year);
  const value = f.aggregable ? (f.values.get(id) ?? null) : null;
  const rank = f.rankOf.get(id)?.rank ?? null;
  const n = f.ranked.filter((r) => r.rank !== null).length;
  const label = pick(ind.label, lang);
  const spark = f.aggregable ? sparklinePaths(series.map((p) => ({ year: p.year, value: p.value })), f.year, SPARK_BOX.width, SPARK_BOX.height) : null;
  return {
    value,
    estimated: v?.estimated === true,
    row: {
      label: f.year === year ? label : t('catalog.yearOf', { label, year: f.year }),
      unit: unitLabel(ind.unit, lang),
      value: f.aggregable ? describeValue(v, ind, true, lang).text : t('value.notAggregable'),
      reference: formatValue(f.reference, ind.unit, ind.decimals, lang),
      deviation: value !== null && f.reference !== null ? formatChange(value - f.reference, 'abs', ind.unit, ind.decimals, lang) : '–',
      rank: rank !== null ? t('profile.rankOf', { rank, n }) : '–',
      spark,
    },
  };
}

/** The catalogue's model. `progress(done, total)` after every indicator; `signal` stops it between steps. */
export async function buildCatalogModel(
  req: CatalogRequest,
  deps: CatalogDeps,
  progress: (done: number, total: number) => void = () => {},
  signal?: AbortSignal,
): Promise<CatalogModel> {
  const { site, level, lang, year } = req;
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
  const stop = () => {
    if (signal?.aborted) throw new DOMException(t('catalog.cancelled'), 'AbortError');
  };
  if (req.ids.length === 0) throw new Error(t('catalog.none'));
  if (req.ids.length > MAX_CATALOG_AREAS) throw new Error(t('catalog.tooMany', { count: req.ids.length, max: MAX_CATALOG_AREAS }));
  const top = topLevel(site);
  const analysis = new AnalysisData();
  const total = req.indicators.length + 1;
  let done = 0;
  const programme = isProgrammeLevel(level);
  const background = backgroundLevel(site, level);
  const own = findLevel(site, level);
  const [names, areas, topNames, backgroundFc, levelFc] = await Promise.all([
    deps.cache.names(site, level),
    deps.cache.areas(site, level),
    deps.cache.names(site, top.id),
    deps.geometry(background.geometry),
    background.geometry === own.geometry ? null : deps.geometry(own.geometry),
  ]);
  // Parents: the next statistical level up (Ortsteil → Stadtbezirk); none for the top level and programme areas.
  const chain = hierarchyLevels(site);
  const parentLevel = programme ? undefined : chain[chain.findIndex((l) => l.id === level) + 1];
  const parentNames = parentLevel && parentLevel.id !== top.id ? await deps.cache.names(site, parentLevel.id) : null;
  progress(++done, total);
  stop();
  const figures: IndicatorFigures[] = await Promise.all(
    req.indicators.map((ind) =>
      analysis.indicatorFigures(deps.cache, site, level, ind, year).then((f) => {
        progress(++done, total);
        return f;
      }),
    ),
  );
  stop();
  // The main thread stays free: a turn of the event loop between the steps (each well under 100 ms).
  await breathe();
  const projection = locatorProjection(backgroundFc, LOCATOR_BOX.width, LOCATOR_BOX.height);
  // An area of the base map's level is its own path there; other areas (programme areas, Gemeinden on Kreise) are drawn on it.
  const onBase = new Map(backgroundFc.features.map((f, i) => [String(f.properties.id), projection.paths[i] ?? '']));
  const shapes = levelFc ? featuresById(levelFc) : null;
  const highlight = (id: string) => {
    if (!shapes) return onBase.get(id) ?? '';
    const shape = shapes.get(id);
    return shape ? projection.pathOfArea(shape) : '';
  };
  await breathe();
  // The top level's one area (the city, Germany) names the reference; a site without one (an
  // import with a single level) is named by its label, and its pages have no reference.
  const referenceName = (topNames.size === 1 ? topNames.values().next().value : undefined) ?? pick(site.label, lang);
  const hasReference = top.id !== level;
  const levelLabel = pick(findLevel(site, level).label, lang);
  const ids = [...req.ids].sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b, lang));
  const pages: CatalogPage[] = [];
  for (const [n, id] of ids.entries()) {
    if (n > 0 && n % 16 === 0) {
      await breathe();
      stop();
    }
    const name = names.get(id) ?? id;
    const parent = areas.get(id)?.parent ?? null;
    const parentName = parent && parentNames ? parentNames.get(parent) : undefined;
    const rows = figures.map((f) => rowOf(f, id, year, lang));
    const inputs: SentenceInput[] = figures.flatMap((f, i) =>
      f.ind.agg.type === 'sum' || !f.aggregable || f.year !== year
        ? []
        : [
            {
              area: name,
              label: pick(f.ind.label, lang),
              unit: f.ind.unit,
              decimals: f.ind.decimals,
              value: rows[i]!.value,
              reference: f.reference,
              referenceLevel: top.id,
              referenceName,
              year: f.year,
              series: (f.byArea.get(id) ?? []).map((p) => ({ year: p.year, value: p.value })),
            },
          ],
    );
    const notes = [
      ...(rows.some((r) => r.estimated) ? [t('catalog.estimated')] : []),
      ...(req.sec > 1 ? [t('legend.secretNote', { n: req.sec })] : []),
    ];
    pages.push({
      id,
      name,
      subtitle: [levelLabel, parentName && parentLevel ? `${pick(parentLevel.label, lang)}: ${parentName}` : null, referenceName].filter(Boolean).join(' · '),
      highlight: highlight(id),
      rows: rows.map((r) => r.row),
      text: areaSummary(inputs, lang),
      notes,
    });
  }
  const n = Math.max(0, ...figures.map((f) => f.ranked.filter((r) => r.rank !== null).length));
  const date = (deps.now ?? new Date()).toLocaleDateString(lang === 'de' ? 'de-DE' : 'en-GB');
  return {
    lang,
    title: t('catalog.title', { site: referenceName, level: levelLabel }),
    subtitle: hasReference ? t('catalog.subtitle', { year, reference: referenceName, date }) : t('catalog.subtitleNoRef', { year, date }),
    labels: {
      contents: t('catalog.contents'),
      indicator: t('compare.indicator'),
      value: t('profile.value'),
      reference: t('profile.reference'),
      deviation: t('profile.deviation'),
      rank: t('profile.rank'),
      series: t('profile.series'),
      sources: t('catalog.sources'),
      pageOf: t('catalog.pageOf'),
      rankNote: t('catalog.rankNote', { n }),
      mapCaption: t('catalog.mapCaption', { site: referenceName }),
      summary: t('catalog.summary'),
    },
    baseMap: { width: projection.width, height: projection.height, paths: projection.paths },
    pages,
    sources: sourceLines(site, req.indicators, deps.source, lang),
    fileStem: [t('catalog.fileStem'), site.id, level, String(year)].join('-').replace(/[^\w-]+/g, '_'),
  };
}
