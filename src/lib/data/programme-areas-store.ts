// Keeps the user's programme areas across reloads in IndexedDB (a database of their own;
// checked-record-store.ts: every record checked when read back, a full quota reported).
import type { ProgrammeArea } from './programme-areas';
import { checkProgrammeArea } from './programme-areas-check';
import { markProgrammeAreasStored } from './programme-areas-flag';
import { checkedRecordStore } from './checked-record-store';

const store = checkedRecordStore<ProgrammeArea>({
  db: 'quartiersatlas-programmes',
  store: 'programme-areas',
  what: 'programme areas',
  check: checkProgrammeArea,
  onSaved: markProgrammeAreasStored,
});

/** Stores (or replaces) programme areas. */
export const saveProgrammeAreas = (areas: readonly ProgrammeArea[]): Promise<void> => store.save(areas);

export const deleteProgrammeArea = (id: string): Promise<void> => store.remove(id);

/** Every stored programme area, checked; damaged records are named in `unreadable` (and deleted). */
export async function loadProgrammeAreas(): Promise<{ areas: ProgrammeArea[]; unreadable: { key: string; reason: string }[] }> {
  const { records, unreadable } = await store.load();
  return { areas: records, unreadable };
}
