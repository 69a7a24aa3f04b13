// A synchronous hint for the start-up (main.ts): were formula indicators kept before, or does the
// link bring some (fx=)? Then they are restored before the view is read from the URL (it may show one).
const FLAG = 'quartiersatlas.formulas';

export function formulaIndicatorsAtStart(search: string): boolean {
  if (/[?&]fx=[^&]/.test(search)) return true;
  try {
    return localStorage.getItem(FLAG) === '1';
  } catch {
    return false;
  }
}

export function markFormulaIndicatorsStored(): void {
  try {
    localStorage.setItem(FLAG, '1');
  } catch {
    // no localStorage: restored after the first map instead
  }
}
