// What the overview's exports say (XLSX and PPTX): the rows as the table shows them — values
// unrounded in the workbook, missing as an empty cell, a secret value as "." — with the
// indicator's definition, the method, the sources and licences of every site shown, and where
// each bundled area's definition comes from.
import type { Indicator, Site } from '../data/catalog-types';
import { PROGRAMMES } from '../data/programme-areas';
import { visibleSources } from '../data/sources';
import { pick, translate, type Lang, type MessageKey } from '../i18n';
import { formatChange } from '../analysis/change';
import { formatValue, unitLabel } from '../analysis/format';
import type { OverviewRow } from '../analysis/programme-overview';
import type { ExportCell, ExportTable } from '../io/export/xlsx-export';
import type { TableDeck } from '../io/export/pptx-table-export';
import { exampleSource } from './programme-examples';

export interface OverviewExport {
  rows: readonly OverviewRow[];
  ind: Indicator;
  lang: Lang;
  site: (id: string) => Site | undefined;
  /** The programme filter shown ('' = all). */
  filter: string;
}

const tr = (lang: Lang) => (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);

/** A programme's name: the known ones translated, an own programme's text as it is. */
export function programmeLabel(programme: string, lang: Lang): string {
  return (PROGRAMMES as readonly string[]).includes(programme) ? translate(lang, `pa.programme.${programme}` as MessageKey) : programme;
}

/** The columns of the table, shown and exported. */
export function overviewColumns(lang: Lang): string[] {
  const t = tr(lang);
  return [t('pao.col.name'), t('pao.col.site'), t('pao.col.programme'), t('pao.col.start'), t('pao.col.year'), t('pao.col.value'), t('pao.col.from'), t('pao.col.change'), t('pao.col.ref'), t('pao.col.refValue'), t('pao.col.diff'), t('pao.col.restName'), t('pao.col.rest'), t('pao.col.note')];
}

/** The sources and licences of the sites shown (indicator and geometry), one line each. */
export function overviewSources(x: OverviewExport): string[] {
  const lines = new Set<string>();
  for (const siteId of new Set(x.rows.map((r) => r.site))) {
    const site = x.site(siteId);
    const ind = site?.indicators.find((i) => i.id === x.ind.id);
    if (!site || !ind) continue;
    for (const { source } of visibleSources(site, ind)) lines.add(`${source.attribution}${source.licenceName ? ` (${source.licenceName}${source.licenceUrl ? `, ${source.licenceUrl}` : ''})` : ''}`);
  }
  return [...lines];
}

function note(r: OverviewRow, lang: Lang): string {
  const t = tr(lang);
  return [r.example ? t('pa.example') : '', r.estimated ? t('pao.estimated') : '', r.secret ? t('pao.secret') : ''].filter(Boolean).join(', ');
}

function siteName(x: OverviewExport, id: string): string {
  const s = x.site(id);
  return s ? pick(s.label, x.lang) : id;
}

/** The data sheet and the metadata sheet. */
export function overviewTables(x: OverviewExport, now = new Date()): ExportTable[] {
  const t = tr(x.lang);
  const secret = (r: OverviewRow, v: number | null): ExportCell => (r.secret ? '.' : v);
  const data: ExportTable = {
    sheet: t('pao.sheet'),
    columns: overviewColumns(x.lang),
    rows: x.rows.map((r) => [
      r.name,
      siteName(x, r.site),
      programmeLabel(r.programme, x.lang),
      r.startYear,
      r.year,
      secret(r, r.value),
      r.fromYear,
      secret(r, r.change),
      r.refName,
      r.refValue,
      secret(r, r.diff),
      r.restName,
      r.restSecret ? '.' : r.restValue,
      note(r, x.lang),
    ]),
  };
  const definitions = x.rows.flatMap((r) => {
    const s = exampleSource(r.id);
    return s ? [[`${t('pao.meta.definition')}: ${r.name}`, `${s.title}, ${s.url}${s.approximation ? ` — ${t('pa.example')}: ${s.approximation}` : ''}`]] : [];
  });
  const meta: ExportTable = {
    sheet: t('pao.metaSheet'),
    columns: [t('pao.meta.field'), t('pao.meta.value')],
    rows: [
      [t('pao.meta.indicator'), pick(x.ind.label, x.lang)],
      [t('pao.meta.indicatorDefinition'), pick(x.ind.definition, x.lang)],
      [t('pao.meta.unit'), unitLabel(x.ind.unit, x.lang)],
      [t('pao.meta.method'), t('pao.method')],
      [t('pao.meta.filter'), x.filter ? programmeLabel(x.filter, x.lang) : t('pao.all')],
      ...overviewSources(x).map((line) => [t('pao.meta.source'), line]),
      ...definitions,
      [t('pao.meta.exported'), now.toISOString()],
    ],
  };
  return [data, meta];
}

/** The PPTX: the table with formatted values, and a bar chart of value and reference. */
export function overviewDeck(x: OverviewExport): TableDeck {
  const t = tr(x.lang);
  const { unit, decimals } = x.ind;
  const fmt = (v: number | null) => (v === null ? '–' : formatValue(v, unit, decimals, x.lang));
  const cell = (r: OverviewRow, v: number | null, f: (n: number | null) => string) => (r.secret ? '.' : f(v));
  const fmtChange = (r: OverviewRow) => (r.change === null ? '–' : formatChange(r.change, r.measure, unit, decimals, x.lang));
  const fmtDiff = (v: number | null) => (v === null ? '–' : formatChange(v, 'abs', unit, decimals, x.lang));
  const label = pick(x.ind.label, x.lang);
  return {
    title: t('pao.title', { indicator: label }),
    subtitle: `${unitLabel(unit, x.lang)} · ${x.filter ? programmeLabel(x.filter, x.lang) : t('pao.all')}`,
    columns: overviewColumns(x.lang),
    rows: x.rows.map((r) => [
      r.name,
      siteName(x, r.site),
      programmeLabel(r.programme, x.lang),
      r.startYear === null ? '' : String(r.startYear),
      r.year === null ? '' : String(r.year),
      cell(r, r.value, fmt),
      r.fromYear === null ? '' : String(r.fromYear),
      r.secret ? '.' : fmtChange(r),
      r.refName ?? '',
      fmt(r.refValue),
      cell(r, r.diff, fmtDiff),
      r.restName ?? '',
      r.restSecret ? '.' : fmt(r.restValue),
      note(r, x.lang),
    ]),
    chart: {
      title: t('pao.chartTitle', { indicator: label }),
      categories: x.rows.map((r) => r.name),
      series: [
        { name: t('pao.col.value'), values: x.rows.map((r) => r.value) },
        { name: t('pao.col.refValue'), values: x.rows.map((r) => r.refValue) },
        ...(x.rows.some((r) => r.restValue !== null) ? [{ name: t('pao.col.rest'), values: x.rows.map((r) => r.restValue) }] : []),
      ],
    },
    sourceLine: `${t('legend.source')}: ${overviewSources(x).join(' · ')}`,
    lang: x.lang,
  };
}

/** A file name stem, e.g. "programmgebiete-auslaenderanteil". */
export function overviewFileStem(x: Pick<OverviewExport, 'ind' | 'lang'>): string {
  return `${x.lang === 'en' ? 'programme-areas' : 'programmgebiete'}-${x.ind.id}`;
}
