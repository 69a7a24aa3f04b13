// What the exports of the current view say: the title, the legend, the source
// and licence line, and the data behind the map with a sheet of metadata. The
// values are the ones the map shows (from DuckDB), unrounded; a missing value
// is an empty cell, never 0.
import { SECRET_COLOR } from '../analysis/class-colors';
import { belowBound, formatBelow } from '../analysis/below';
import { BELOW_PREFIX, belowText, parseBelow } from '../data/site-package.js';
import { belowSummary } from '../render/view-result';
import type { ViewPipeline } from './view-pipeline.svelte';
import '../i18n/panels-messages'; // the estimate column's texts
import type { ViewStore } from './view-store.svelte';

/** What an export reads: the view and what the map shows of it. */
export interface ShownView {
  views: Pick<ViewStore, 'view' | 'indicator' | 'level' | 'site'>;
  shown: Pick<ViewPipeline, 'result' | 'names' | 'trendShown'> & Partial<Pick<ViewPipeline, 'estimateNote'>>;
}

/** The ids of the shown values that are estimated (programme areas drawn across base areas). */
function estimatedIds(app: ShownView): Set<string> {
  const values = app.shown.result?.values;
  return new Set([...(values ?? [])].flatMap(([id, v]) => (v.estimated && !v.secret ? [id] : [])));
}
import { pick, translate, type Lang, type MessageKey } from '../i18n';
import { formatChange } from '../analysis/change';
import { formatValue, unitLabel } from '../analysis/format';
import { legendRows, rangeLabel } from '../map/legend-rows';
import { trendKey } from '../map/trend-glyphs';
import { visibleSources } from '../data/sources';
import type { LegendSpec } from '../io/export/image/layout';
import type { ExportTable, ExportCell } from '../io/export/xlsx-export';
import type { ExportRest } from './programme-rest-export';

export interface ViewTexts {
  title: string;
  subtitle: string;
  legend: LegendSpec;
  sourceLine: string;
  dateLine: string;
  /** A file name stem such as "arbeitslosenanteil-2022-ortsteil". */
  fileStem: string;
}

const tr = (lang: Lang) => (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);

function period(app: ShownView): string {
  const v = app.views.view;
  const change = app.shown.result?.change;
  if (change) return `${change.from}–${change.to}`;
  if (v.mode === 'multiples') return `${v.from}–${v.to}`;
  return String(v.year);
}

export function viewTexts(app: ShownView, now = new Date()): ViewTexts {
  const lang = app.views.view.lang;
  const t = tr(lang);
  const ind = app.views.indicator;
  const result = app.shown.result;
  const change = result?.change ?? null;
  const title = `${pick(ind.label, lang)} ${period(app)}`;
  const subtitle = `${pick(app.views.level.label, lang)} · ${pick(app.views.site.label, lang)}${change ? ` · ${t(change.measure === 'pct' ? 'change.pct' : ind.unit === 'percent' ? 'change.pp' : 'change.abs')}` : ''}`;
  const fmt = (v: number) => (change ? formatChange(v, change.measure, ind.unit, ind.decimals, lang) : formatValue(v, ind.unit, ind.decimals, lang));
  const areas = (n: number) => (n === 1 ? t('legend.area') : t('legend.areas', { count: n }));
  const cls = result?.classification ?? null;
  const items: LegendSpec['items'] = legendRows(cls, result?.colors ?? [], change !== null).map((r) => ({
    color: r.color,
    label: rangeLabel(r, fmt, lang),
    count: areas(r.count),
  }));
  const secret = result ? [...result.values.values()].filter((v) => v.secret).length : 0;
  const below = belowSummary(result);
  if (below) {
    const label = t('legend.below', { text: formatBelow(below.bound, ind.unit, lang) });
    items.push(below.color ? { color: below.color, label, count: areas(below.count) } : { color: '#ebebeb', label, hatched: true, count: areas(below.count) });
  }
  if (result) items.push({ color: '#ebebeb', label: t('legend.missing'), hatched: true, count: areas((cls?.missing ?? result.values.size) - secret - (below?.count ?? 0)) });
  if (secret > 0) items.push({ color: SECRET_COLOR, label: t('legend.secret'), count: areas(secret) });
  const trend = app.shown.trendShown;
  if (trend) {
    const span = `${trend.from}–${trend.to}`;
    for (const k of trendKey(trend.direction)) items.push({ color: k.color, label: `${t('legend.trend.arrow', { label: t(`legend.trend.${k.judgement}`) })} ${span}` });
  }
  const sources = visibleSources(app.views.site, ind).map(({ source }) => `${source.attribution}${source.licenceName ? ` (${source.licenceName})` : ''}`);
  const estimated = estimatedIds(app).size;
  const notes = [trend ? t('legend.trend.note') : '', estimated > 0 ? `${t('legend.estimated', { areas: areas(estimated) })}. ${t('legend.estimatedNote')}` : ''].filter(Boolean);
  return {
    title,
    subtitle,
    legend: { title: pick(ind.label, lang), subtitle: `${unitLabel(ind.unit, lang)} · ${period(app)}`, items, ...(notes.length > 0 ? { note: notes.join(' ') } : {}) },
    sourceLine: `${t('legend.source')}: ${[...new Set(sources)].join(' · ')}`,
    dateLine: t('export.dateLine', { date: now.toLocaleDateString(lang === 'de' ? 'de-DE' : 'en-GB'), app: 'Quartiersatlas' }),
    fileStem: [ind.id, period(app).replace('–', '-'), app.views.level.id].join('-').replace(/[^\w-]+/g, '_'),
  };
}

/**
 * An exported value: the number, or for a value known only to lie below a bound the text "<1" (as
 * values.csv writes it: site-package.js belowText; a text cell, so it never turns into a number or
 * a formula), or empty when missing.
 */
function cellOf(v: { value: number | null; below?: number | null } | undefined): ExportCell {
  const bound = belowBound(v);
  return bound !== null ? belowText(bound) : (v?.value ?? null);
}

/**
 * The data behind the view (one row per area) and the metadata sheet. On the programme-area level `rest`
 * (programme-rest-export.ts) adds each area's rest ("übrige Stadt / übriger Kreis": its name and value in
 * the view's year, or at both ends of a change), secret ones as ".".
 */
export function viewTables(app: ShownView, url: string, now = new Date(), rest: ExportRest | null = null): { data: ExportTable; meta: ExportTable } {
  const lang = app.views.view.lang;
  const t = tr(lang);
  const ind = app.views.indicator;
  const result = app.shown.result;
  const change = result?.change ?? null;
  const names = app.shown.names;
  const label = `${pick(ind.label, lang)} (${unitLabel(ind.unit, lang)})`;
  const ids = [...(result?.values.keys() ?? [])].sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b, lang));
  let columns: string[];
  let rows: ExportCell[][];
  if (change) {
    columns = [t('export.col.id'), t('export.col.name'), `${label} ${change.from}`, `${label} ${change.to}`, `${t('export.col.change')} (${t(change.measure === 'pct' ? 'change.pct' : ind.unit === 'percent' ? 'change.pp' : 'change.abs')})`];
    rows = ids.map((id) => {
      const [a, b] = change.ends.get(id) ?? [null, null];
      const [belowA, belowB] = change.endsBelow?.get(id) ?? [null, null];
      const v = result!.values.get(id);
      return [id, names.get(id) ?? id, cellOf({ value: a, below: belowA }), cellOf({ value: b, below: belowB }), v?.secret ? '.' : (v?.value ?? null)];
    });
  } else {
    columns = [t('export.col.id'), t('export.col.name'), t('export.col.year'), label];
    // "." for a value hidden for secrecy (as the statistical offices print it); empty for missing.
    rows = ids.map((id) => {
      const v = result!.values.get(id);
      return [id, names.get(id) ?? id, app.views.view.year, v?.secret ? '.' : cellOf(v)];
    });
  }
  // The rest of each programme area within its reference, from counts, with the same suppression.
  const textColumns = new Set([0, 1, ...(change ? [] : [2])]);
  if (rest) {
    const years = change ? [change.from, change.to] : [app.views.view.year];
    textColumns.add(columns.length);
    columns.push(t('pao.col.restName'));
    for (const y of years) columns.push(`${t('pao.col.rest')}: ${label}${change ? ` ${y}` : ''}`);
    rows = rows.map((r, i) => {
      const id = ids[i]!;
      return [...r, rest.names.get(id) ?? null, ...years.map((y) => {
        const v = rest.value(id, y);
        return v?.secret ? '.' : cellOf(v);
      })];
    });
  }
  // Estimated values say so in a column of their own: how each is estimated ("geschätzt: 37 % der Fläche von …").
  const estimated = estimatedIds(app);
  if (estimated.size > 0) {
    textColumns.add(columns.length);
    columns.push(t('export.col.estimate'));
    rows = rows.map((r, i) => [...r, estimated.has(ids[i]!) ? (app.shown.estimateNote?.(ids[i]!, lang) ?? t('estimate.mark')) : null]);
  }
  const texts = viewTexts(app, now);
  const hasBelow = rows.some((r) => r.some((c) => typeof c === 'string' && c.startsWith(BELOW_PREFIX) && parseBelow(c) !== null));
  const cls = result?.classification;
  const metaRows: ExportCell[][] = [
    [t('export.meta.title'), texts.title],
    [t('export.meta.indicator'), pick(ind.label, lang)],
    [t('export.meta.definition'), pick(ind.definition, lang)],
    [t('export.meta.unit'), unitLabel(ind.unit, lang)],
    [t('export.meta.level'), `${pick(app.views.level.label, lang)} (${pick(app.views.site.label, lang)})`],
    [t('export.meta.missing'), t('export.meta.missingText')],
    ...(hasBelow ? [[t('export.meta.missing'), t('export.meta.below')] as ExportCell[]] : []),
    ...(estimated.size > 0 ? [[t('export.col.estimate'), t('legend.estimatedNote')] as ExportCell[]] : []),
    ...(rest ? [[t('pao.col.rest'), t('pa.restNote', { rest: t('pao.col.restName') })] as ExportCell[]] : []),
    ...(app.views.view.sec > 1 ? [[t('secrecy.heading'), t('legend.secretNote', { n: app.views.view.sec })] as ExportCell[]] : []),
    ...(cls ? [[t('export.meta.classes'), `${t(`cls.${cls.method}` as MessageKey)}: ${cls.breaks.map((b) => formatValue(b, ind.unit, ind.decimals, lang)).join(' | ')}`] as ExportCell[]] : []),
    ...visibleSources(app.views.site, ind).flatMap(({ key, source }) => [
      [t('export.meta.source'), `${pick(source.publisher, lang)} (${pick(source.vintage, lang)})${key === app.views.site.geometrySource ? ` – ${t('export.meta.geometry')}` : ''}`],
      [t('export.meta.licence'), [source.licenceName || source.licence, source.licenceUrl].filter(Boolean).join(', ')],
      [t('export.meta.attribution'), source.attribution],
    ]),
    [t('export.meta.exported'), now.toISOString()],
    [t('export.meta.view'), url],
  ];
  return {
    data: { sheet: t('export.sheet.data'), columns, rows, numberFormats: columns.map((_, i) => (textColumns.has(i) ? null : numberFormat(ind.decimals))) },
    meta: { sheet: t('export.sheet.meta'), columns: [t('export.meta.field'), t('export.meta.value')], rows: metaRows },
  };
}

function numberFormat(decimals: number): string {
  return decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
}
