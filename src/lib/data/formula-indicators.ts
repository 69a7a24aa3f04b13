// Formula indicators ("Indikatorenrechner", issue 18 item 3): an indicator of its site
// computed from a formula over the site's indicators, e.g. "auslaender / einwohner * 1000".
// Pure: the stored record, its checks (storage, project file, share links) and the compact
// URL form (fx=). The record becomes a catalog entry in formula-indicator-entry.ts (which
// parses the formula); its values are written into DuckDB by db/formula-indicators.ts.
import type { Direction, Indicator, Unit } from './catalog-types';
import { isRecord, type Checked } from './programme-areas';

export interface FormulaIndicator {
  /** 'f-…' (never an id of a bundled or imported indicator: those have no '-'). */
  id: string;
  site: string;
  /** The label (German and English alike). */
  name: string;
  /** The formula as written in canonical form (formulaText). */
  formula: string;
  unit: Unit;
  direction: Direction;
  /** Decimals shown; absent: 1 for a quotient, 0 otherwise. */
  decimals?: number;
}

export const FORMULA_UNITS: readonly Unit[] = ['count', 'percent', 'per1000', 'per10000', 'persons', 'years', 'eur', 'keur', 'km2', 'perkm2'];
export const FORMULA_DIRECTIONS: readonly Direction[] = ['neutral', 'higher-worse', 'higher-better'];
export const MAX_FORMULA_NAME = 120;
/** As MAX_FORMULA_LENGTH in analysis/formula.ts (not imported: this module stays free of the parser). */
const MAX_FORMULA_TEXT = 500;
const ID_RE = /^f-[a-z0-9]{1,30}$/;
const hasControl = (s: string) => [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

export function isFormulaIndicatorId(id: string): boolean {
  return ID_RE.test(id);
}

/** A new id ("f-" and 8 random base-36 characters). */
export function newFormulaIndicatorId(random: () => number = Math.random): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += Math.floor(random() * 36).toString(36);
  return `f-${s}`;
}

/**
 * A record as read from storage, a project file or a link, checked field by field (the formula
 * itself is checked against the site's indicators when it becomes an indicator).
 */
export function checkFormulaIndicator(x: unknown): Checked<FormulaIndicator> {
  if (!isRecord(x)) return { ok: false, reason: 'not a formula indicator' };
  if (typeof x.id !== 'string' || !ID_RE.test(x.id)) return { ok: false, reason: 'the formula indicator has no id ("f-…")' };
  if (typeof x.site !== 'string' || x.site === '' || x.site.length > 100 || hasControl(x.site)) return { ok: false, reason: `formula indicator ${x.id} names no site` };
  if (typeof x.name !== 'string' || x.name.trim() === '' || x.name.length > MAX_FORMULA_NAME || hasControl(x.name)) {
    return { ok: false, reason: `formula indicator ${x.id} has no usable name` };
  }
  if (typeof x.formula !== 'string' || x.formula.trim() === '' || x.formula.length > MAX_FORMULA_TEXT || hasControl(x.formula)) {
    return { ok: false, reason: `formula indicator ${x.id} has no usable formula` };
  }
  if (!(FORMULA_UNITS as readonly unknown[]).includes(x.unit)) return { ok: false, reason: `formula indicator ${x.id} has an unknown unit` };
  if (!(FORMULA_DIRECTIONS as readonly unknown[]).includes(x.direction)) return { ok: false, reason: `formula indicator ${x.id} has an unknown direction` };
  if (x.decimals !== undefined && !(Number.isInteger(x.decimals) && (x.decimals as number) >= 0 && (x.decimals as number) <= 4)) {
    return { ok: false, reason: `formula indicator ${x.id} has impossible decimals` };
  }
  return {
    ok: true,
    value: {
      id: x.id,
      site: x.site,
      name: x.name.trim(),
      formula: x.formula.trim(),
      unit: x.unit as Unit,
      direction: x.direction as Direction,
      ...(typeof x.decimals === 'number' ? { decimals: x.decimals } : {}),
    },
  };
}

/** The record behind a catalog entry made by formulaIndicatorEntry (null for other indicators). */
export function formulaRecordOf(siteId: string, ind: Indicator): FormulaIndicator | null {
  if (ind.formula === undefined || !ID_RE.test(ind.id)) return null;
  return { id: ind.id, site: siteId, name: ind.label.de, formula: ind.formula, unit: ind.unit, direction: ind.direction, decimals: ind.decimals };
}

/** Every formula indicator of the given sites, as records (for storage, project files and links). */
export function formulaRecords(sites: readonly { id: string; indicators: readonly Indicator[] }[]): FormulaIndicator[] {
  return sites.flatMap((s) => s.indicators.flatMap((i) => formulaRecordOf(s.id, i) ?? []));
}

// The compact form for share links: fx=<entry>|<entry>…, each entry
// id~name~unit~direction~decimals~formula, the fields URI-encoded (also "~"), for the view's site.

const field = (s: string) => encodeURIComponent(s).replace(/~/g, '%7E');
const DIRECTION_CODES: Record<Direction, string> = { neutral: 'n', 'higher-worse': 'w', 'higher-better': 'b' };

/** The records in the compact URL form ('' when there are none). */
export function encodeFormulaIndicators(list: readonly FormulaIndicator[]): string {
  return list
    .map((f) => [f.id, field(f.name), f.unit, DIRECTION_CODES[f.direction], f.decimals === undefined ? '' : String(f.decimals), field(f.formula)].join('~'))
    .join('|');
}

/** Records of `site` from the compact URL form; entries that do not parse are returned as `rejected`. */
export function decodeFormulaIndicators(raw: string, site: string): { list: FormulaIndicator[]; rejected: string[] } {
  const list: FormulaIndicator[] = [];
  const rejected: string[] = [];
  for (const entry of raw.split('|')) {
    if (entry.trim() === '') continue;
    const parts = entry.split('~');
    let candidate: unknown = null;
    if (parts.length === 6) {
      const [id, name, unit, dir, decimals, formula] = parts as [string, string, string, string, string, string];
      try {
        candidate = {
          id,
          site,
          name: decodeURIComponent(name),
          unit,
          direction: Object.entries(DIRECTION_CODES).find(([, code]) => code === dir)?.[0],
          ...(decimals === '' ? {} : { decimals: /^\d$/.test(decimals) ? Number(decimals) : NaN }),
          formula: decodeURIComponent(formula),
        };
      } catch {
        candidate = null; // a broken %-escape
      }
    }
    const checked = candidate ? checkFormulaIndicator(candidate) : null;
    if (checked?.ok && !list.some((f) => f.id === checked.value.id)) list.push(checked.value);
    else rejected.push(entry.slice(0, 40));
  }
  return { list, rejected };
}
