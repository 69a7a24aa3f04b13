// Shape of data/catalog.json, written by scripts/prepare-data.mjs.
export interface Text {
  de: string;
  en: string;
}

import type { Unit } from '../analysis/format';
import type { Direction } from '../map/palette';

export type { Unit, Direction };

export type Aggregation =
  | { type: 'sum' }
  | { type: 'ratio'; num: string; den: string; scale: number }
  | { type: 'none'; reason: Text };

export interface Source {
  publisher: Text;
  licence: string;
  licenceName: string;
  licenceUrl: string;
  attribution: string;
  vintage: Text;
  url?: string;
}

export interface Indicator {
  id: string;
  column: string;
  label: Text;
  short?: Text;
  unit: Unit;
  decimals: number;
  definition: Text;
  source: string;
  direction: Direction;
  years: number[];
  agg: Aggregation;
  notes?: Text;
  yearNotes?: Record<string, Text>;
  /** A formula indicator's formula (canonical text; data/formula-indicators.ts): computed in DuckDB, not read from a file. */
  formula?: string;
}

/** Pre-built vector tiles of a level (scripts/tiles/): one PMTiles archive, path relative to data/ like `geometry`. */
export interface LevelTiles {
  url: string;
  /** The archive's vector layer; its features carry `id` (the area id) and `name`. */
  layer: string;
  minzoom: number;
  maxzoom: number;
}

export interface Level {
  id: string;
  label: Text;
  geometry: string;
  count: number;
  /** Levels with many areas: the map draws these tiles instead of the GeoJSON (which views needing whole geometries still read). */
  tiles?: LevelTiles;
}

export interface Site {
  id: string;
  /** 'grid': cells drawn by the grid layer from an Arrow file (levels[0].geometry); default 'areas'. */
  kind?: 'areas' | 'grid';
  label: Text;
  bounds: [number, number, number, number];
  geometrySource: string;
  levels: Level[];
  areas: string;
  values: string;
  firstView: string;
  defaults: { level: string; ind: string; year: number };
  indicators: Indicator[];
  /** Imported tables added to the site: each a values file with the listed indicators. */
  extraValues?: { file: string; indicators: string[] }[];
  /** A site opened from an online data package (?src=…, data/online-package.ts): its site.json's URL and origin. */
  online?: { url: string; origin: string };
  /**
   * Sites with many base areas: each indicator's values in a file of its own (site-package.js:
   * valuePartPath), read into DuckDB when the indicator is first needed; `values` is then not loaded.
   */
  valueParts?: ValueParts;
}

/** The value parts of a site: indicator id → path of its Parquet file. */
export interface ValueParts {
  format: 'parquet';
  files: Record<string, string>;
  /** 'year': each file has one row group per year and is read by range requests (site-package.js: VALUE_PARTS_ROW_GROUPS); absent: read whole. */
  rowGroups?: 'year';
  /** With rowGroups: indicator id → its file's length in bytes. */
  sizes?: Record<string, number>;
}

export interface Catalog {
  sources: Record<string, Source>;
  sites: Site[];
}

export interface FirstView {
  level: string;
  ind: string;
  year: number;
  values: Record<string, number | null>;
}
