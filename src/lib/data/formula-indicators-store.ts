// Keeps the user's formula indicators across reloads in IndexedDB (a database of their own;
// checked-record-store.ts: every record checked when read back, a full quota reported).
import { checkFormulaIndicator, type FormulaIndicator } from './formula-indicators';
import { markFormulaIndicatorsStored } from './formula-indicators-flag';
import { checkedRecordStore } from './checked-record-store';

const store = checkedRecordStore<FormulaIndicator>({
  db: 'quartiersatlas-formulas',
  store: 'formula-indicators',
  what: 'formula indicators',
  check: checkFormulaIndicator,
  onSaved: markFormulaIndicatorsStored,
});

/** Stores (or replaces) formula indicators. */
export const saveFormulaIndicators = (list: readonly FormulaIndicator[]): Promise<void> => store.save(list);

export const deleteFormulaIndicator = (id: string): Promise<void> => store.remove(id);

/** Every stored formula indicator, checked; damaged records are named in `unreadable` (and deleted). */
export async function loadFormulaIndicators(): Promise<{ list: FormulaIndicator[]; unreadable: { key: string; reason: string }[] }> {
  const { records, unreadable } = await store.load();
  return { list: records, unreadable };
}
