// A statistics table joined to the areas of a site: keys matched exactly, then
// with the leading zeros Excel dropped, then by normalised names; what stays
// unmatched is listed with the reason. The result is a values file in the shape
// the loader reads (area_id, year, one column per indicator) and the indicators.
import type { Indicator, Unit } from '../../data/catalog-types';
import { cellText, type Cell } from './table/cells';
import { inferKeyWidth, padKey } from './table/keys';
import { parseNumberColumn } from './table/numbers';
import { suggestMapping, type TableSuggestion } from './table/mapping';
import { yearValue, YEAR_COLUMN_MIN } from './table/years';
import { foldGerman, slug } from './build-site';
import { valuesCsv as writeValuesCsv } from '../../data/site-package.js';

export interface TableTarget {
  siteId: string;
  /** Base-level areas of the site. */
  areas: readonly { id: string; name: string }[];
  /** Indicator ids already taken on the site. */
  taken: readonly string[];
}

export interface TableChoice {
  fileName: string;
  keyColumn: number;
  nameColumn: number | null;
  /** Long tables: the year column; otherwise null and `year` (single-year) or the header years (wide). */
  yearColumn: number | null;
  year: number;
  /** Indicator groups to import (from the suggestion), with their units. */
  indicators: { stem: string; unit: Unit; columns: number[]; years: (number | null)[] }[];
}

export interface UnmatchedRow {
  /** 1-based row in the file, as Excel shows it. */
  row: number;
  key: string;
  name: string;
  reason: 'empty-key' | 'unknown' | 'duplicate';
}

export interface JoinSummary {
  rows: number;
  matched: number;
  /** Matched after restoring leading zeros ("1" → "01"). */
  padded: number;
  /** Matched by name because the key did not match. */
  byName: number;
  unmatched: UnmatchedRow[];
  /** Areas of the site that got no row. */
  areasWithoutData: { id: string; name: string }[];
}

export interface TableImport {
  summary: JoinSummary;
  indicators: Indicator[];
  valuesCsv: string;
  years: number[];
}

/** Names compared loosely: case, ß/ss, umlauts, hyphens, spaces, "St." = "Sankt". */
export function normalizeName(name: string): string {
  return foldGerman(name.replace(/\b[Ss]t\.\s*/g, 'sankt ')).replace(/[^a-z0-9]/g, '');
}

const TO_APP_UNIT: Record<string, Unit> = { percent: 'percent', count: 'count', eur: 'eur', years: 'years', other: 'count' };

/** Maps a table unit (table/cells.ts) to the app's units. */
export function appUnit(unit: string): Unit {
  return TO_APP_UNIT[unit] ?? 'count';
}

export function joinTable(rows: readonly (readonly Cell[])[], suggestion: TableSuggestion, choice: TableChoice, target: TableTarget): TableImport {
  const ids = new Set(target.areas.map((a) => a.id));
  const byName = new Map<string, string>();
  for (const a of target.areas) byName.set(normalizeName(a.name), a.id);
  const data = suggestion.dataRows;
  const keys = data.map((r) => cellText(rows[r]?.[choice.keyColumn]));
  // Pad to the width of the site's ids when they all have one (Ortsteile "00".."95", AGS "01001"),
  // else to the width most of the file's keys have.
  const first = target.areas[0]?.id ?? '';
  const sameWidth = /^\d+$/.test(first) && target.areas.every((a) => a.id.length === first.length && /^\d+$/.test(a.id));
  const width = sameWidth ? first.length : inferKeyWidth(keys.filter((k) => !ids.has(k)));

  const summary: JoinSummary = { rows: data.length, matched: 0, padded: 0, byName: 0, unmatched: [], areasWithoutData: [] };
  const matchedId: (string | null)[] = data.map((r, i) => {
    const key = keys[i]!;
    const name = choice.nameColumn === null ? '' : cellText(rows[r]?.[choice.nameColumn]);
    if (key === '' && name === '') {
      summary.unmatched.push({ row: r + 1, key, name, reason: 'empty-key' });
      return null;
    }
    if (ids.has(key)) return key;
    if (width !== null && ids.has(padKey(key, width))) {
      summary.padded++;
      return padKey(key, width);
    }
    const viaName = name ? byName.get(normalizeName(name)) : undefined;
    if (viaName) {
      summary.byName++;
      return viaName;
    }
    summary.unmatched.push({ row: r + 1, key, name, reason: key === '' ? 'empty-key' : 'unknown' });
    return null;
  });

  // One value per area and year: a second row for the same area (and year) is reported, not summed.
  // A column the user (or the header "Jahr") made the year column takes historic years too.
  const yearOf = (r: number) => (choice.yearColumn === null ? choice.year : yearValue(rows[r]?.[choice.yearColumn], YEAR_COLUMN_MIN));
  const seen = new Set<string>();
  const use: boolean[] = data.map((r, i) => {
    const id = matchedId[i];
    if (!id) return false;
    const y = yearOf(r);
    const k = `${id}|${y}`;
    if (seen.has(k) && choice.yearColumn !== null) {
      summary.unmatched.push({ row: r + 1, key: keys[i]!, name: '', reason: 'duplicate' });
      return false;
    }
    if (seen.has(k) && choice.yearColumn === null && choice.indicators.every((g) => g.columns.length === 1)) {
      summary.unmatched.push({ row: r + 1, key: keys[i]!, name: '', reason: 'duplicate' });
      return false;
    }
    seen.add(k);
    return true;
  });
  summary.matched = use.filter(Boolean).length;
  const covered = new Set(data.flatMap((_, i) => (use[i] ? [matchedId[i]!] : [])));
  summary.areasWithoutData = target.areas.filter((a) => !covered.has(a.id)).map((a) => ({ id: a.id, name: a.name }));

  // Values: area × year → one column per indicator.
  const taken = new Set([...target.taken, 'area_id', 'year']);
  const table = new Map<string, Map<string, number | null>>();
  const indicators: Indicator[] = [];
  const years = new Set<number>();
  for (const group of choice.indicators) {
    // A wide table whose headers are only years: the indicator is named after the file.
    const label = group.stem || choice.fileName.replace(/\.[^.]+$/, '');
    let id = slug(label);
    while (taken.has(id)) id += '_';
    taken.add(id);
    const groupYears = new Set<number>();
    let decimals = 0;
    group.columns.forEach((col, c) => {
      const parsed = parseNumberColumn(data.map((r) => rows[r]?.[col] ?? null));
      parsed.values.forEach((cell, i) => {
        if (!use[i]) return;
        const r = data[i]!;
        const y = choice.yearColumn !== null ? yearOf(r) : (group.years[c] ?? choice.year);
        if (y === null) return;
        groupYears.add(y);
        years.add(y);
        const key = `${matchedId[i]}|${y}`;
        let row = table.get(key);
        if (!row) table.set(key, (row = new Map()));
        row.set(id, cell.value);
        if (cell.value !== null) decimals = Math.max(decimals, Math.min(2, (String(cell.value).split('.')[1] ?? '').length));
      });
    });
    const unit = group.unit;
    indicators.push({
      id,
      column: id,
      label: { de: label, en: label },
      unit,
      decimals: unit === 'count' ? decimals : Math.max(1, decimals),
      definition: { de: `Spalte „${label}“ aus ${choice.fileName}`, en: `Column “${label}” from ${choice.fileName}` },
      source: `${target.siteId}-source`,
      direction: 'neutral',
      years: [...groupYears].sort((a, b) => a - b),
      agg: unit === 'count' ? { type: 'sum' } : { type: 'none', reason: { de: 'Eigene Daten ohne Zähler und Nenner', en: 'Own data without numerator and denominator' } },
    });
  }
  const cols = indicators.map((i) => i.id);
  const valueRows = [...table].sort(([a], [b]) => a.localeCompare(b)).map(([key, row]) => {
    const [areaId, year] = key.split('|');
    return { areaId: areaId!, year: Number(year), values: Object.fromEntries(cols.map((c) => [c, row.get(c) ?? null])) };
  });
  return { summary, indicators, valuesCsv: writeValuesCsv(cols, valueRows), years: [...years].sort((a, b) => a - b) };
}

/** The mapping a clean file gets without any choice by the user. */
export function defaultChoice(
  suggestion: Pick<TableSuggestion, 'keyColumn' | 'nameColumn' | 'shape' | 'yearColumn' | 'years' | 'indicators'>,
  fileName: string,
  fallbackYear: number,
): TableChoice | null {
  if (suggestion.keyColumn === null && suggestion.nameColumn === null) return null;
  return {
    fileName,
    keyColumn: suggestion.keyColumn ?? suggestion.nameColumn!,
    nameColumn: suggestion.nameColumn,
    yearColumn: suggestion.shape === 'long' ? suggestion.yearColumn : null,
    year: suggestion.years[0] ?? fallbackYear,
    indicators: suggestion.indicators.map((g) => ({ stem: g.stem, unit: appUnit(g.unit), columns: g.columns, years: g.years })),
  };
}

/** The sheet a workbook's table is on: the first one whose rows have a key (or name) column and numbers. */
export function bestSheet<T extends { rows: readonly (readonly Cell[])[] }>(sheets: readonly T[]): T | null {
  return sheets.find((s) => {
    const sug = suggestMapping(s.rows);
    return (sug.keyColumn !== null || sug.nameColumn !== null) && sug.indicators.length > 0;
  }) ?? sheets[0] ?? null;
}
