// Formula indicators in DuckDB: their rows are written into `observations` (base areas only,
// like every indicator), so every query of a level, the programme areas with their weights,
// secrecy, compare, profile and exports treat them as any other indicator (queries.ts).
// Per base area and year the formula is evaluated over its inputs' values (SQL built only by
// formulaSql from the syntax tree), and its numerator and denominator are written as num/den:
//   ratio  value = formula, num = numerator, den = denominator → a level: Σ w·num / Σ w·den × scale
//   sum    value = num = formula                               → a level: Σ w·value
//   none   value = formula                                     → the base level only
// A division by zero is NULL ("keine Angabe"), as is any formula with a missing input.
import type { Site, Source } from '../data/catalog-types';
import { formulaIndicatorEntry, type FormulaEntry } from '../data/formula-indicator-entry';
import { formulaRecordOf } from '../data/formula-indicators';
import { formulaSql } from '../analysis/formula';
import type { Engine } from './engine';
import { ident, int, num, str } from './sql';

const text = (value: string) => str(value.replaceAll('\0', ''));
const finite = (expr: string) => `CASE WHEN isfinite(${expr}) THEN ${expr} END`;

/** The INSERT … SELECT that writes one formula indicator's rows (its entry must be ok). */
export function formulaRowsSql(site: Site, entry: Extract<FormulaEntry, { ok: true }>): string {
  const s = str(site.id);
  const ids = entry.inputs.map((i) => i.id);
  // The inputs side by side per base area and year (ids checked by the parser and by formulaSql).
  const pivot = ids.map((id) => `max(CASE WHEN ind = ${str(id)} THEN value END) AS ${ident(id)}`).join(', ');
  const col = (id: string) => `v.${ident(id)}`;
  const value = finite(formulaSql(entry.ast, col));
  const parts = entry.parts;
  const [numerator, denominator] =
    parts.kind === 'ratio'
      ? [finite(formulaSql(parts.num, col)), finite(formulaSql(parts.den, col))]
      : parts.kind === 'sum'
        ? [value, 'CAST(NULL AS DOUBLE)']
        : ['CAST(NULL AS DOUBLE)', 'CAST(NULL AS DOUBLE)'];
  return `INSERT INTO observations (site, area_id, ind, year, value, num, den, below)
    SELECT ${s}, area_id, ${str(entry.indicator.id)}, year, value, num, den, CAST(NULL AS DOUBLE) FROM (
      SELECT v.area_id, v.year, ${value} AS value, ${numerator} AS num, ${denominator} AS den
      FROM (SELECT area_id, year, ${pivot} FROM observations
            WHERE site = ${s} AND ind IN (${ids.map(str).join(', ')}) AND year IN (${entry.indicator.years.map(int).join(', ')})
            GROUP BY area_id, year) v
    ) WHERE value IS NOT NULL OR num IS NOT NULL OR den IS NOT NULL`;
}

/** Removes every formula indicator's rows of a site ("f-…" ids: no other indicator has a '-'). */
async function dropAll(engine: Engine, siteId: string): Promise<void> {
  for (const [table, column] of [['observations', 'ind'], ['indicators', 'id']] as const) {
    await engine.query(`DELETE FROM ${table} WHERE site = ${str(siteId)} AND starts_with(${column}, 'f-')`);
  }
}

/**
 * Replaces a site's formula indicators in DuckDB with those of `site.indicators` (the site must be
 * loaded). Each is parsed again against the site; one that no longer fits (an input deleted) is
 * left out and named in the result.
 */
export async function writeFormulaIndicators(
  engine: Engine,
  site: Site,
  sourceOf: (key: string) => Source | undefined = () => undefined,
): Promise<{ written: string[]; failed: { id: string; reason: string }[] }> {
  await dropAll(engine, site.id);
  const written: string[] = [];
  const failed: { id: string; reason: string }[] = [];
  for (const ind of site.indicators) {
    const record = formulaRecordOf(site.id, ind);
    if (!record) continue;
    const entry = formulaIndicatorEntry(site, record, sourceOf);
    if (!entry.ok) {
      failed.push({ id: record.id, reason: entry.reason });
      continue;
    }
    const i = entry.indicator;
    const agg = i.agg;
    await engine.query(`INSERT INTO indicators VALUES (${str(site.id)}, ${str(i.id)}, ${text(i.unit)}, ${text(i.direction)}, ${text(agg.type)},
      ${agg.type === 'ratio' ? num(agg.scale) : 'NULL'}, ${text(i.label.de)}, ${text(i.label.en)})`);
    await engine.query(formulaRowsSql(site, entry));
    written.push(i.id);
  }
  return { written, failed };
}
