// Shared by the DuckDB CSV import (db/import-csv.ts, as `nullstr`) and the import
// dialog's table detection in io/, which adds typographic variants. Here, because
// io/ does not import db/.

/** Markers German statistics use for missing or secret values; they become NULL, never 0. */
export const MISSING_MARKERS = ['', '.', '-', '–', 'x', 'X', 'k.A.', '...'];
