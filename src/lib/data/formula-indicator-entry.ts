// A formula indicator's catalog entry: the record (formula-indicators.ts) parsed against its
// site's indicators, with its years (those all its inputs have), its aggregation (ratioParts:
// Σ numerator / Σ denominator, a sum, or the base level only) and its source ("Eigene
// Berechnung: <formula>" with the sources of its inputs). Loaded with the calculator or a
// restore, not with the first map (it brings the parser).
import type { Aggregation, Indicator, Site, Source, Text } from './catalog-types';
import { formulaText, parseFormula, ratioParts, type FormulaError, type FormulaName, type FormulaNode, type RatioParts } from '../analysis/formula';
import type { FormulaIndicator } from './formula-indicators';
import { USER_PREFIX } from './user-files';
import { panelsDe } from '../i18n/panels-de';
import { panelsEn } from '../i18n/panels-en';

export type FormulaEntry =
  | { ok: true; indicator: Indicator; sourceKey: string; source: Source; ast: FormulaNode; parts: RatioParts; inputs: Indicator[] }
  | { ok: false; reason: string; error?: FormulaError };

/**
 * The site's indicators a formula may name: not formula indicators themselves (no formulas of
 * formulas), not those derived from a point layer (they exist only while it is shown).
 */
export function formulaInputs(site: Site): Indicator[] {
  const derived = new Set((site.extraValues ?? []).filter((e) => e.file.startsWith(`${USER_PREFIX}pts-`)).flatMap((e) => e.indicators));
  return site.indicators.filter((i) => i.formula === undefined && !derived.has(i.id) && /^[a-z_][a-z0-9_]*$/.test(i.id));
}

/** What the parser needs of the inputs: a count (sum) adds up over areas, a share does not. */
export function formulaNames(site: Site): FormulaName[] {
  return formulaInputs(site).map((i) => ({ id: i.id, unit: i.unit, summable: i.agg.type === 'sum' }));
}

const both = (key: keyof typeof panelsDe, fill: (s: string) => string = (s) => s): Text => ({ de: fill(panelsDe[key]), en: fill(panelsEn[key]) });
const unique = <T>(xs: T[]) => [...new Set(xs)];

function aggregation(parts: RatioParts): Aggregation {
  switch (parts.kind) {
    case 'ratio':
      return { type: 'ratio', num: formulaText(parts.num), den: formulaText(parts.den), scale: parts.scale };
    case 'sum':
      return { type: 'sum' };
    case 'none':
      return { type: 'none', reason: both(`formula.none.${parts.reason}`) };
  }
}

/** The catalog entry and source of a formula indicator on its site, or why it cannot be one there. */
export function formulaIndicatorEntry(site: Site, record: FormulaIndicator, sourceOf: (key: string) => Source | undefined): FormulaEntry {
  if (site.kind === 'grid') return { ok: false, reason: `formula indicator ${record.id}: grid sites have no formula indicators` };
  const inputs = formulaInputs(site);
  const names = formulaNames(site);
  const parsed = parseFormula(record.formula, names);
  if (!parsed.ok) return { ok: false, reason: `formula indicator ${record.id}: ${parsed.error.message}`, error: parsed.error };
  if (parsed.names.length === 0) return { ok: false, reason: `formula indicator ${record.id}: the formula names no indicator` };
  const used = parsed.names.map((id) => inputs.find((i) => i.id === id)!);
  const years = used.map((i) => i.years).reduce((a, b) => a.filter((y) => b.includes(y))).slice().sort((a, b) => a - b);
  if (years.length === 0) return { ok: false, reason: `formula indicator ${record.id}: its indicators have no year in common` };
  const parts = ratioParts(parsed.ast, names);
  const formula = formulaText(parsed.ast);
  const sources = unique(used.map((i) => i.source)).flatMap((key) => sourceOf(key) ?? []);
  const own = both('formula.ownCalculation', (s) => `${s}: ${formula}`);
  const source: Source = {
    publisher: own,
    licence: unique(sources.map((s) => s.licence)).join(', '),
    licenceName: unique(sources.map((s) => s.licenceName)).join('; '),
    licenceUrl: sources[0]?.licenceUrl ?? '',
    attribution: [own.de, ...unique(sources.map((s) => s.attribution))].join(' · '),
    vintage: { de: unique(sources.map((s) => s.vintage.de)).join('; '), en: unique(sources.map((s) => s.vintage.en)).join('; ') },
    ...(sources[0]?.url ? { url: sources[0].url } : {}),
  };
  const sourceKey = `${record.id}-source`;
  const indicator: Indicator = {
    id: record.id,
    column: record.id,
    label: { de: record.name, en: record.name },
    unit: record.unit,
    decimals: record.decimals ?? (parts.kind === 'ratio' ? 1 : 0),
    definition: own,
    source: sourceKey,
    direction: record.direction,
    years,
    agg: aggregation(parts),
    formula,
  };
  return { ok: true, indicator, sourceKey, source, ast: parsed.ast, parts, inputs: used };
}
