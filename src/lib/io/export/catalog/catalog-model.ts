// The area catalogue ("Gebietskatalog") as plain data: every text already in the
// reader's language and every value already formatted as on screen, every drawing
// already a vector path. The PDF and DOCX writers (catalog-pdf.ts, catalog-docx.ts)
// only lay it out, in a worker (catalog.worker.ts), so the model must be structured-
// cloneable: no Maps, no functions. Built by lib/state/catalog-build.ts.

/** A vector drawing in its own coordinate box (points). */
export interface CatalogDrawing {
  width: number;
  height: number;
}

/** The locator map of one level: every area of the level as a grey path (shared by all pages). */
export interface CatalogBaseMap extends CatalogDrawing {
  /** SVG path data of every area of the level (or of the base level, for programme areas). */
  paths: string[];
}

/** A sparkline: the series as a path (gaps where a year is missing) and the catalogue's year as a dot. */
export interface CatalogSparkline extends CatalogDrawing {
  path: string;
  /** Single points (a year with a value between two missing ones). */
  dots: [number, number][];
  /** The year shown in the table, if it has a value. */
  current: [number, number] | null;
  /** First and last year of the series (for the caption). */
  from: number;
  to: number;
}

export interface CatalogRow {
  /** The indicator's label (its year appended where it differs from the catalogue's year). */
  label: string;
  unit: string;
  /** The value as on screen: "30,7 %", "< 1 %", ".", "keine Angabe". */
  value: string;
  reference: string;
  deviation: string;
  rank: string;
  spark: CatalogSparkline | null;
}

export interface CatalogPage {
  id: string;
  name: string;
  /** Level, site (and parent, where known). */
  subtitle: string;
  /** SVG path data of this area on the base map's box. */
  highlight: string;
  rows: CatalogRow[];
  /** The generated sentences about the area. */
  text: string[];
  /** A note under the table (estimated figures of a drawn programme area, secrecy). */
  notes: string[];
}

export interface CatalogLabels {
  contents: string;
  indicator: string;
  value: string;
  reference: string;
  deviation: string;
  rank: string;
  series: string;
  sources: string;
  /** "Seite {page} von {pages}" with the placeholders left in. */
  pageOf: string;
  rankNote: string;
  mapCaption: string;
  summary: string;
}

export interface CatalogModel {
  lang: 'de' | 'en';
  /** "Gebietskatalog: Leipzig – Ortsteile" */
  title: string;
  /** Year, reference, date and app. */
  subtitle: string;
  labels: CatalogLabels;
  baseMap: CatalogBaseMap;
  pages: CatalogPage[];
  /** One line per source: publisher, vintage, licence, attribution. */
  sources: string[];
  /** A file name stem without extension, e.g. "gebietskatalog-leipzig-ortsteil-2023". */
  fileStem: string;
}

export type CatalogFormat = 'pdf' | 'docx';
