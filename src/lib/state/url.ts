import { CLASS_METHODS, DEFAULT_K, MAX_K, MIN_K, normalizeManualBreaks, type ClassMethod } from '../analysis/classify';
import type { Lang } from '../analysis/format';
import type { ChangeMeasure } from '../analysis/change';
import { decodeProgrammeAreas, encodeProgrammeAreas, PROGRAMME_LEVEL, type ProgrammeArea } from '../data/programme-areas';
import { onlineSiteUrl } from '../data/online-files';
import { nearestYear, normalizeRange } from './view-normalize';
import { MAX_INDEX_DYNAMICS_YEARS, MAX_INDEX_MIN_RESIDENTS, MAX_INDEX_WEIGHT, MAX_SECRECY, MAX_SELECTED, MAX_SIMILAR_INDICATORS, VIEW_MODES, type ComparisonGroup, type EmbedMode, type IndexWeight, type Notice, type SiteInfo, type ViewMode, type ViewState } from './view-state';

const ID_RE = /^[A-Za-z0-9_.-]{1,32}$/;
const NUMBER_RE = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const PARAM_ORDER = [
  'site', 'level', 'ind', 'ind2', 'year', 'mode', 'from', 'to', 'chg', 'trend', 'idx', 'idxmin', 'idxdyn', 'sim', 'start', 'cg', 'simx', 'pts', 'cls', 'k', 'breaks', 'sel', 'cmp', 'sec', 'pa', 'fx', 'lang', 'embed', 'src',
] as const;

/**
 * Parses a location.search string (with or without leading "?") and validates
 * every parameter against the catalog. Invalid values fall back to defaults and
 * produce a Notice. Rules worth knowing:
 * - an empty parameter ("?site=") counts as absent, without a notice;
 * - a repeated parameter: only the first occurrence is used;
 * - unknown extra parameters are dropped silently (they are not written back);
 * - "breaks" is only read with cls=manual and ignored otherwise;
 * - a requested year that the indicator lacks becomes the nearest available
 *   year (the later one on a tie).
 * Throws only if the catalog itself is unusable (no sites).
 */
export function parseViewState(
  search: string,
  sites: SiteInfo[],
  defaultSite: string,
): { state: ViewState; notices: Notice[] } {
  const q = new URLSearchParams(search);
  const notices: Notice[] = [];
  const get = (name: string): string | null => {
    const v = q.get(name)?.trim();
    return v ? v : null;
  };
  const notice = (param: string, value: string, fallback: string, reason: Notice['reason']): void => {
    notices.push({ param, value, fallback, reason });
  };

  const fallbackSite = sites.find((s) => s.id === defaultSite) ?? sites[0];
  if (!fallbackSite) throw new Error('parseViewState: the catalog contains no sites');

  const rawSite = get('site');
  let site = fallbackSite;
  if (rawSite !== null) {
    const found = sites.find((s) => s.id === rawSite);
    if (found) site = found;
    else notice('site', rawSite, site.id, 'unknown');
  }

  // Programme areas of the site given in the link (unions of base areas): their level may be shown.
  const rawPa = get('pa');
  let pa: ProgrammeArea[] = [];
  if (rawPa !== null && site.kind !== 'grid') {
    const decoded = decodeProgrammeAreas(rawPa, site.id);
    pa = decoded.areas;
    if (decoded.rejected.length > 0) notice('pa', decoded.rejected.join('|'), encodeProgrammeAreas(pa), 'malformed');
  }

  // Formula indicators of the site (checked and built when adopted; formula-indicators.svelte.ts).
  const rawFx = get('fx');
  let fx = '';
  if (rawFx !== null) {
    if (rawFx.length <= 8000 && site.kind !== 'grid') fx = rawFx;
    else notice('fx', rawFx.slice(0, 40), '', 'malformed');
  }

  const rawLevel = get('level');
  let level = site.defaults.level;
  if (rawLevel !== null) {
    if (site.levels.some((l) => l.id === rawLevel) || (rawLevel === PROGRAMME_LEVEL && pa.length > 0)) level = rawLevel;
    else notice('level', rawLevel, level, 'unknown');
  }

  const rawInd = get('ind');
  let ind = site.indicators.find((i) => i.id === site.defaults.ind);
  if (rawInd !== null) {
    const found = site.indicators.find((i) => i.id === rawInd);
    if (found) ind = found;
    else notice('ind', rawInd, site.defaults.ind, 'unknown');
  }
  const years = ind?.years ?? [];

  // Without a (valid) year the site default is used, moved to the nearest year the indicator has.
  const defaultYear = nearestYear(years, site.defaults.year);
  const rawYear = get('year');
  let year = defaultYear;
  if (rawYear !== null) {
    if (!/^\d{4}$/.test(rawYear)) {
      notice('year', rawYear, String(year), 'malformed');
    } else {
      year = nearestYear(years, Number(rawYear));
      if (year !== Number(rawYear)) notice('year', rawYear, String(year), 'unavailable');
    }
  }

  const rawCls = get('cls');
  let cls: ClassMethod = 'quantile';
  if (rawCls !== null) {
    if ((CLASS_METHODS as readonly string[]).includes(rawCls)) cls = rawCls as ClassMethod;
    else notice('cls', rawCls, cls, 'unknown');
  }

  let breaks: number[] | null = null;
  if (cls === 'manual') {
    const rawBreaks = get('breaks');
    if (rawBreaks !== null) {
      breaks = parseBreaks(rawBreaks);
      if (breaks === null) notice('breaks', rawBreaks, '', 'malformed');
    }
    if (breaks === null) {
      cls = 'quantile';
      notice('cls', 'manual', cls, 'unavailable');
    }
  }

  const rawK = get('k');
  let k = DEFAULT_K;
  if (rawK !== null) {
    if (!/^\d{1,3}$/.test(rawK)) notice('k', rawK, String(k), 'malformed');
    else if (Number(rawK) < MIN_K || Number(rawK) > MAX_K) notice('k', rawK, String(k), 'unavailable');
    else k = Number(rawK);
  }

  const rawSel = get('sel');
  let sel: string[] = [];
  if (rawSel !== null) {
    const tokens = rawSel.split(',').map((t) => t.trim()).filter((t) => t !== '');
    const rejected = tokens.filter((t) => !ID_RE.test(t));
    const ids = [...new Set(tokens.filter((t) => ID_RE.test(t)))];
    sel = ids.slice(0, MAX_SELECTED);
    if (rejected.length > 0) notice('sel', rejected.join(','), sel.join(','), 'malformed');
    if (ids.length > MAX_SELECTED) notice('sel', ids.slice(MAX_SELECTED).join(','), sel.join(','), 'unavailable');
  }

  const rawLang = get('lang');
  let lang: Lang = 'de';
  if (rawLang !== null) {
    if (rawLang === 'de' || rawLang === 'en') lang = rawLang;
    else notice('lang', rawLang, lang, 'unknown');
  }

  const rawMode = get('mode');
  let mode: ViewMode = 'map';
  if (rawMode !== null) {
    if ((VIEW_MODES as readonly string[]).includes(rawMode)) mode = rawMode as ViewMode;
    else notice('mode', rawMode, mode, 'unknown');
  }
  // The range defaults to the indicator's first year up to the shown year.
  const yearParam = (name: 'from' | 'to', fallback: number): number => {
    const raw = get(name);
    if (raw === null) return fallback;
    if (!/^\d{4}$/.test(raw)) {
      notice(name, raw, String(fallback), 'malformed');
      return fallback;
    }
    const y = nearestYear(years, Number(raw));
    if (y !== Number(raw)) notice(name, raw, String(y), 'unavailable');
    return y;
  };
  const asked = { from: yearParam('from', years[0] ?? year), to: yearParam('to', year) };
  const range = normalizeRange(years, asked.from, asked.to, mode);
  const { from, to } = range;
  // A range of one year given in the URL starts at the first year (as after an update), and says so.
  if (asked.from === asked.to && from !== asked.from && get('from') !== null) notice('from', String(asked.from), String(from), 'unavailable');
  if (range.changeDropped) notice('mode', 'change', 'map', 'unavailable');
  mode = range.mode;
  const rawChg = get('chg');
  let chg: ChangeMeasure | null = null;
  if (rawChg !== null) {
    if (rawChg === 'abs' || rawChg === 'pct') chg = rawChg;
    else notice('chg', rawChg, '', 'unknown');
  }

  const rawTrend = get('trend');
  let trend = false;
  if (rawTrend !== null) {
    if (rawTrend === '1' || rawTrend === '0') trend = rawTrend === '1';
    else notice('trend', rawTrend, '0', 'malformed');
  }

  // Cross-site comparison: "site:id" of another site (whether the area exists is checked by the caller).
  const rawCmp = get('cmp');
  let cmp: string[] = [];
  if (rawCmp !== null) {
    const tokens = [...new Set(rawCmp.split(',').map((t) => t.trim()).filter((t) => t !== ''))];
    const valid = tokens.filter((t) => {
      const [s, id, ...rest] = t.split(':');
      return rest.length === 0 && sites.some((x) => x.id === s) && id !== undefined && ID_RE.test(id);
    });
    cmp = valid.slice(0, MAX_SELECTED);
    if (valid.length < tokens.length) notice('cmp', tokens.filter((t) => !valid.includes(t)).join(','), cmp.join(','), 'malformed');
  }

  const rawInd2 = get('ind2');
  let ind2: string | null = null;
  if (rawInd2 !== null) {
    if (site.indicators.some((i) => i.id === rawInd2)) ind2 = rawInd2;
    else notice('ind2', rawInd2, '', 'unknown');
  }

  // Social index weights: "id:weight" pairs, weight 0..MAX_INDEX_WEIGHT.
  const rawIdx = get('idx');
  let idx: IndexWeight[] = [];
  if (rawIdx !== null) {
    const tokens = rawIdx.split(',').map((t) => t.trim()).filter((t) => t !== '');
    const parsed = tokens.map((t) => {
      const [id, w, ...rest] = t.split(':');
      const weight = w === undefined ? 1 : Number(w);
      const ok =
        rest.length === 0 && site.indicators.some((i) => i.id === id) && NUMBER_RE.test(w ?? '1') && weight >= 0 && weight <= MAX_INDEX_WEIGHT;
      return ok ? { id: id!, w: weight } : null;
    });
    idx = parsed.filter((p): p is IndexWeight => p !== null).filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i);
    if (idx.length < tokens.length) {
      notice('idx', tokens.filter((_, i) => parsed[i] === null).join(','), idx.map((p) => `${p.id}:${p.w}`).join(','), 'malformed');
    }
  }

  // Social index options: the minimum number of residents (0 = every area) and the dynamics window in years.
  const rawIdxMin = get('idxmin');
  let idxmin: number | null = null;
  if (rawIdxMin !== null) {
    const n = Number(rawIdxMin);
    if (/^\d+$/.test(rawIdxMin) && n <= MAX_INDEX_MIN_RESIDENTS) idxmin = n;
    else notice('idxmin', rawIdxMin, '', 'malformed');
  }
  const rawIdxDyn = get('idxdyn');
  let idxdyn: number | null = null;
  if (rawIdxDyn !== null) {
    const n = Number(rawIdxDyn);
    if (/^\d+$/.test(rawIdxDyn) && n >= 1 && n <= MAX_INDEX_DYNAMICS_YEARS) idxdyn = n;
    else notice('idxdyn', rawIdxDyn, '', 'malformed');
  }

  // Similar areas: the indicators compared (ids of the site, in the order given, at most MAX_SIMILAR_INDICATORS).
  const rawSim = get('sim');
  let sim: string[] = [];
  if (rawSim !== null) {
    const tokens = [...new Set(rawSim.split(',').map((t) => t.trim()).filter((t) => t !== ''))];
    const known = tokens.filter((t) => site.indicators.some((i) => i.id === t));
    sim = known.slice(0, MAX_SIMILAR_INDICATORS);
    const rejected = tokens.filter((t) => !sim.includes(t));
    if (rejected.length > 0) notice('sim', rejected.join(','), sim.join(','), known.length > MAX_SIMILAR_INDICATORS ? 'unavailable' : 'unknown');
  }

  // Before/after: the start year (a year of the indicator; the nearest one otherwise) and the comparison group.
  const rawStart = get('start');
  let start: number | null = null;
  if (rawStart !== null) {
    if (!/^\d{4}$/.test(rawStart)) notice('start', rawStart, '', 'malformed');
    else {
      start = nearestYear(years, Number(rawStart));
      if (start !== Number(rawStart)) notice('start', rawStart, String(start), 'unavailable');
    }
  }
  const rawCg = get('cg');
  let cg: ComparisonGroup = 'rest';
  if (rawCg !== null) {
    if (rawCg === 'similar' || rawCg === 'rest') cg = rawCg;
    else notice('cg', rawCg, cg, 'unknown');
  }
  const rawSimx = get('simx');
  const simx = rawSimx === '1';
  if (rawSimx !== null && rawSimx !== '1' && rawSimx !== '0') notice('simx', rawSimx, '', 'malformed');

  const rawPts = get('pts');
  let pts: string[] = [];
  if (rawPts !== null) {
    const tokens = [...new Set(rawPts.split(',').map((t) => t.trim()).filter((t) => t !== ''))];
    pts = tokens.filter((t) => ID_RE.test(t));
    if (pts.length < tokens.length) notice('pts', tokens.filter((t) => !ID_RE.test(t)).join(','), pts.join(','), 'malformed');
  }

  const rawSec = get('sec');
  let sec = 0;
  if (rawSec !== null) {
    const n = Number(rawSec);
    if (Number.isInteger(n) && n >= 0 && n <= MAX_SECRECY) sec = n;
    else notice('sec', rawSec, '0', 'malformed');
  }

  const rawEmbed = get('embed');
  let embed: EmbedMode | null = null;
  if (rawEmbed === 'map' || rawEmbed === 'static') embed = rawEmbed;
  else if (rawEmbed !== null) notice('embed', rawEmbed, '', 'unknown');

  return {
    state: { site: site.id, level, ind: ind?.id ?? site.defaults.ind, year, cls, k, breaks, sel, lang, mode, from, to, chg, trend, cmp, ind2, idx, idxmin, idxdyn, pts, embed, sec, pa, sim, start, cg, simx, fx },
    notices,
  };
}

/**
 * Query string ("?site=…&…") in a stable parameter order. site, level, ind,
 * year, cls, k and lang are always written so that a shared link is explicit;
 * breaks only with cls=manual, sel only when non-empty. Commas stay literal
 * for readability.
 */
export function serializeViewState(s: ViewState): string {
  const values: Record<(typeof PARAM_ORDER)[number], string | null> = {
    site: s.site,
    level: s.level,
    ind: s.ind,
    year: String(s.year),
    mode: s.mode === 'map' ? null : s.mode,
    from: String(s.from),
    to: String(s.to),
    chg: s.chg,
    trend: s.trend ? '1' : null,
    cls: s.cls,
    k: String(s.k),
    breaks: s.cls === 'manual' && s.breaks && s.breaks.length > 0 ? s.breaks.map(String).join(',') : null,
    sel: s.sel.length > 0 ? s.sel.join(',') : null,
    cmp: s.cmp.length > 0 ? s.cmp.join(',') : null,
    ind2: s.ind2,
    idx: s.idx.length > 0 ? s.idx.map((p) => `${p.id}:${p.w}`).join(',') : null,
    idxmin: s.idxmin === null ? null : String(s.idxmin),
    idxdyn: s.idxdyn === null ? null : String(s.idxdyn),
    pts: s.pts.length > 0 ? s.pts.join(',') : null,
    sim: s.sim.length > 0 ? s.sim.join(',') : null,
    start: s.start === null ? null : String(s.start),
    cg: s.cg === 'rest' ? null : s.cg,
    simx: s.simx ? '1' : null,
    lang: s.lang,
    embed: s.embed,
    sec: s.sec > 0 ? String(s.sec) : null,
    pa: encodeProgrammeAreas(s.pa.filter((a) => a.site === s.site)) || null,
    fx: s.fx || null,
    // A site opened from an online data package: the link opens it again (main.ts reads `src`).
    src: onlineSiteUrl(s.site),
  };
  const parts: string[] = [];
  for (const name of PARAM_ORDER) {
    const v = values[name];
    if (v !== null) parts.push(`${name}=${encodeURIComponent(v).replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%7C/g, '|')}`);
  }
  return `?${parts.join('&')}`;
}

/** Comma-separated finite numbers, valid as manual breaks (sorted, deduplicated); null if not. */
function parseBreaks(raw: string): number[] | null {
  const tokens = raw.split(',').map((t) => t.trim());
  if (!tokens.every((t) => NUMBER_RE.test(t))) return null;
  try {
    return normalizeManualBreaks(tokens.map(Number));
  } catch {
    return null;
  }
}
