// The view state: everything a view shows, as it lives in the URL query (url.ts
// parses and writes it, view-normalize.ts keeps it consistent).
import type { ClassMethod } from '../analysis/classify';
import type { Lang } from '../analysis/format';
import type { ChangeMeasure } from '../analysis/change';
import type { ProgrammeArea } from '../data/programme-areas';

/** The whole view state; it lives in the URL query. */
export interface ViewState {
  site: string;
  level: string;
  ind: string;
  year: number;
  cls: ClassMethod;
  /** Number of classes for the computed methods; kept while cls=manual so switching back restores it. */
  k: number;
  /** Manual breaks (only with cls=manual), URL param "breaks": comma-separated, '.' as decimal separator. */
  breaks: number[] | null;
  /** Selected area ids (syntax-checked only, max MAX_SELECTED). */
  sel: string[];
  lang: Lang;
  /** 'map': one year; 'change': the change between `from` and `to`; 'multiples': one small map per year from–to. */
  mode: ViewMode;
  /** Year range for everything that looks at change. */
  from: number;
  to: number;
  /** Change measure: absolute (percentage points for shares) or percent; null = the indicator's natural one. */
  chg: ChangeMeasure | null;
  /** Trend arrows over the map (URL trend=1). */
  trend: boolean;
  /** Areas of other sites compared in the trend chart for the same indicator: "site:id" (URL cmp). */
  cmp: string[];
  /** Second indicator (scatter y, bivariate y, swipe right side); null = none chosen (URL ind2). */
  ind2: string | null;
  /** Social index: indicators and weights (URL idx=id:weight,…); empty = the site's default set. */
  idx: IndexWeight[];
  /**
   * Social index: areas with fewer residents are not rated (URL idxmin); null = the default,
   * MSS_MIN_RESIDENTS (300) where the site has residents (`einwohner`), else none; 0 = every area.
   */
  idxmin: number | null;
  /** Social index: the dynamics compare the last this many years up to `year` (URL idxdyn, MSS: 2); null = from–to. */
  idxdyn: number | null;
  /** Point layers shown over the map (URL pts=kitas,…); ids are checked by the caller. */
  pts: string[];
  /** Embedded in another page (iframe): 'map' = map and legend only, 'static' = the same without interaction; null = the app. */
  embed: EmbedMode | null;
  /** Statistical secrecy: values based on fewer than this many persons are hidden ("."); 0 = off (URL sec). */
  sec: number;
  /**
   * Programme areas made of base areas of the site (URL pa=, data/programme-areas.ts
   * encodeProgrammeAreas): a share link restores them; the ProgrammeAreas owner keeps
   * this equal to the shown site's unions.
   */
  pa: ProgrammeArea[];
  /** Similar areas (mode=similar): the indicators compared (URL sim=id,…); empty = the site's default set. */
  sim: string[];
  /** Before/after (mode=did): the first year after the start (URL start); null = the default (programme area's start, else mid-series). */
  start: number | null;
  /** Before/after: the comparison group, the rest of the level or the similar areas (URL cg=similar). */
  cg: ComparisonGroup;
  /** Similar areas: also across the same level of other sites (URL simx=1; state/similar-did.ts similarAcrossSites). */
  simx: boolean;
  /**
   * Formula indicators of the site (URL fx=, data/formula-indicators.ts encodeFormulaIndicators),
   * kept as given ('' = none): a share link brings them; the FormulaIndicators owner keeps this
   * equal to the shown site's formula indicators.
   */
  fx: string;
}

export type ComparisonGroup = 'rest' | 'similar';
/** At most this many indicators in `sim`. */
export const MAX_SIMILAR_INDICATORS = 16;

/** The largest secrecy threshold accepted from a URL. */
export const MAX_SECRECY = 20;

export type EmbedMode = 'map' | 'static';

export interface IndexWeight {
  id: string;
  w: number;
}

export type ViewMode =
  | 'map'
  | 'change'
  | 'multiples'
  | 'compare'
  | 'scatter'
  | 'bivariate'
  | 'swipe'
  | 'profile'
  | 'index'
  | 'lisa'
  | 'similar'
  | 'did'
  | 'programmes';
export const VIEW_MODES: readonly ViewMode[] = [
  'map',
  'change',
  'multiples',
  'compare',
  'scatter',
  'bivariate',
  'swipe',
  'profile',
  'index',
  'lisa',
  'similar',
  'did',
  'programmes',
];
/** Modes that show two indicators (ind and ind2). */
export const TWO_INDICATOR_MODES: readonly ViewMode[] = ['scatter', 'bivariate', 'swipe'];
export const MAX_INDEX_WEIGHT = 10;
/** The largest minimum number of residents for the social index accepted from a URL. */
export const MAX_INDEX_MIN_RESIDENTS = 100_000;
/** The longest dynamics window ("last N years") of the social index accepted from a URL. */
export const MAX_INDEX_DYNAMICS_YEARS = 10;
/** At most this many areas are selected at once. */
export const MAX_SELECTED = 6;
/** Modes with an analysis panel beside the map (their code is loaded on first use). */
export const ANALYSIS_MODES: readonly ViewMode[] = ['compare', 'profile', 'scatter', 'bivariate', 'index', 'lisa', 'similar', 'did', 'programmes'];
/** Modes whose map is coloured by an analysis, not by the indicator's classes (their legend is in the panel). */
export const ANALYSIS_MAP_MODES: readonly ViewMode[] = ['bivariate', 'index', 'lisa'];

/** The part of a catalog site the URL needs; real catalog objects may carry more fields. */
export interface SiteInfo {
  id: string;
  /** 'grid': cells, no levels above them (and no programme areas). */
  kind?: 'areas' | 'grid';
  defaults: { level: string; ind: string; year: number };
  levels: { id: string }[];
  indicators: { id: string; years: number[] }[];
}

/** A URL parameter that could not be used as given, and what was used instead. */
export interface Notice {
  param: string;
  value: string;
  fallback: string;
  reason: 'unknown' | 'malformed' | 'unavailable';
}

