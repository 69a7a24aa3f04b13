// What the import dialog needs of a parsed table while its rows stay in the import
// worker: the header, the suggestion without its row list, the first issues and counts.
// A million-row table would otherwise be copied to the main thread and back for
// every join (a structured clone of a million row arrays froze the tab for seconds).
import type { Cell, TableIssue } from './table/cells';
import type { TableSuggestion } from './table/mapping';

/** Issues the dialog lists; the rest are counted. */
export const OUTLINE_ISSUES = 50;

export type SuggestionOutline = Omit<TableSuggestion, 'dataRows' | 'issues'> & {
  dataRowCount: number;
  issues: TableIssue[];
  issueCount: number;
};

export interface TableOutline {
  sheet: string;
  header: Cell[];
  suggestion: SuggestionOutline;
  /** Cells ("B3") whose text was longer than a spreadsheet allows and was cut (see sheet-xml.ts); the dialog lists them. */
  truncated: string[];
}

export function outlineOf(sheet: string, rows: readonly (readonly Cell[])[], suggestion: TableSuggestion, truncated: readonly string[] = []): TableOutline {
  const { dataRows, issues, ...rest } = suggestion;
  return {
    sheet,
    truncated: [...truncated],
    header: [...(rows[suggestion.headerRow] ?? [])],
    suggestion: { ...rest, dataRowCount: dataRows.length, issues: issues.slice(0, OUTLINE_ISSUES), issueCount: issues.length },
  };
}
