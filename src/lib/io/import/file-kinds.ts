// Which files the importer takes, by their extension: written once for the
// readers, the handling of files given together, and the dialog's file picker.

/** Boundary files (a .zip may hold a shapefile or any of the others); a GeoPackage may hold point layers too. */
export const BOUNDARY_EXTENSIONS = ['geojson', 'json', 'topojson', 'shp', 'zip', 'fgb', 'parquet', 'geoparquet', 'gpkg'] as const;
/** The other parts of a shapefile. */
export const SHAPEFILE_PARTS = ['shx', 'dbf', 'prj', 'cpg'] as const;
/** Tables (German Excel CSV, text, tab-separated, Excel workbooks, OpenDocument spreadsheets). */
export const TABLE_EXTENSIONS = ['csv', 'txt', 'tsv', 'xlsx', 'ods'] as const;

/** A file name's extension, lower case, without the dot. */
export function extension(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1).toLowerCase();
}

export function isBoundaryFile(name: string): boolean {
  return name.includes('.') && (BOUNDARY_EXTENSIONS as readonly string[]).includes(extension(name));
}

export function isTableFile(name: string): boolean {
  return name.includes('.') && (TABLE_EXTENSIONS as readonly string[]).includes(extension(name));
}

/** The file picker's `accept`: archives and shapefiles first, then the other boundary formats, then tables. */
export const ACCEPTED_FILES = ['zip', 'shp', ...SHAPEFILE_PARTS, ...BOUNDARY_EXTENSIONS.filter((e) => e !== 'zip' && e !== 'shp'), ...TABLE_EXTENSIONS]
  .map((e) => `.${e}`)
  .join(',');

/** The file picker's list for boundary files only (programme areas from a file). */
export const ACCEPTED_BOUNDARY_FILES = ['zip', 'shp', ...SHAPEFILE_PARTS, ...BOUNDARY_EXTENSIONS.filter((e) => e !== 'zip' && e !== 'shp')]
  .map((e) => `.${e}`)
  .join(',');
