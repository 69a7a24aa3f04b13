import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { matchAreaKeys } from '../../src/lib/state/area-keys';

// Leipzig's Ortsteile as shipped (data/leipzig/areas.csv).
const areas = readFileSync(new URL('../../data/leipzig/areas.csv', import.meta.url), 'utf8')
  .split('\n')
  .slice(1)
  .filter((l) => l.includes(',ortsteil,'))
  .map((l) => l.split(','))
  .map(([id, name]) => ({ id: id!, name: name! }));

describe('keys pasted for a programme area', () => {
  it('reads commas, semicolons, spaces and lines; keeps the order; each area once', () => {
    expect(areas.length).toBe(63);
    expect(matchAreaKeys('00, 01;02\n03 04\r\n00', areas)).toEqual({ ids: ['00', '01', '02', '03', '04'], unknown: [] });
  });
  it('restores leading zeros and takes names (whole lines with spaces), lists what names no area', () => {
    const r = matchAreaKeys('1\nZentrum-Ost\nneustadt-neuschönefeld; 999; Atlantis', areas);
    // "1" is 01 (Zentrum-Ost), named again on the next line: once
    expect(r.ids).toEqual(['01', areas.find((a) => a.name === 'Neustadt-Neuschönefeld')!.id]);
    expect(r.unknown).toEqual(['999', 'Atlantis']);
  });
  it('an empty text names nothing', () => {
    expect(matchAreaKeys(' \n;, ', areas)).toEqual({ ids: [], unknown: [] });
  });
});
