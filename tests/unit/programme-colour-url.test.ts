// A programme area's colour in the share link (pa=, README): six hex digits without "#", three where
// each pair repeats (#ff00ff → f0f); links written before the short form still read; a damaged colour
// falls back to the first default colour, never breaks the link.
import { describe, expect, it } from 'vitest';
import { decodeProgrammeAreas, defaultProgrammeColor, encodeProgrammeAreas, type ProgrammeArea } from '../../src/lib/data/programme-areas';

const area = (color: string): ProgrammeArea => ({ id: 'pa-c1', site: 'leipzig', name: 'Farbe', programme: 'thinka', startYear: null, color, members: ['00', '01'] });

describe('the colour in pa=', () => {
  it('short where each pair repeats, six digits otherwise; both read back to the same colour', () => {
    expect(encodeProgrammeAreas([area('#ff00ff')])).toBe('pa-c1~Farbe~thinka~~00,01~f0f');
    expect(encodeProgrammeAreas([area('#000000')])).toMatch(/~000$/);
    expect(encodeProgrammeAreas([area('#1b9e77')])).toMatch(/~1b9e77$/);
    expect(encodeProgrammeAreas([area('#e69f00')])).toMatch(/~e69f00$/);
    for (const c of ['#ff00ff', '#000000', '#1b9e77', '#e69f00', '#aabbcc', '#aabbcd']) {
      const { areas, rejected } = decodeProgrammeAreas(encodeProgrammeAreas([area(c)]), 'leipzig');
      expect(rejected).toEqual([]);
      expect(areas[0]!.color).toBe(c);
    }
  });

  it('a link written before the short form (ff00ff) still reads; a damaged colour becomes the default', () => {
    expect(decodeProgrammeAreas('pa-c1~Farbe~thinka~~00,01~ff00ff', 'leipzig').areas[0]!.color).toBe('#ff00ff');
    expect(decodeProgrammeAreas('pa-c1~Farbe~thinka~~00,01~zzz', 'leipzig').areas[0]!.color).toBe(defaultProgrammeColor(0));
    expect(decodeProgrammeAreas('pa-c1~Farbe~thinka~~00,01~ff00f', 'leipzig').areas[0]!.color).toBe(defaultProgrammeColor(0));
  });
});
