// A synchronous hint for the start-up (main.ts): were programme areas kept before? Then
// they are restored before the view is read from the URL (it may show their level).
const FLAG = 'quartiersatlas.programmes';

export function hasStoredProgrammeAreas(): boolean {
  try {
    return localStorage.getItem(FLAG) === '1';
  } catch {
    return false;
  }
}

export function markProgrammeAreasStored(): void {
  try {
    localStorage.setItem(FLAG, '1');
  } catch {
    // no localStorage: restored after the first map instead
  }
}
