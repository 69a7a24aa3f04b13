// The grid's cells beneath programme areas (map/grid-muted.ts): quintiles of the real cells'
// residents (cells.arrow read with apache-arrow), each holding about a fifth of the cells, in
// five muted greys from light to dark; a suppressed value is its own pale grey, never a class.
import { describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { findBundledSite } from '../../src/lib/data/catalog';
import { MUTED_MISSING, MUTED_RAMP, mutedCellColors, quintileBreaks } from '../../src/lib/map/grid-muted';
import { readDataFile } from './helpers/node-engine';

describe('muted cell colours', () => {
  it('the residents of the 214,633 cells in quintiles: about a fifth each, darker for more residents', async () => {
    const table = tableFromIPC(await readDataFile(findBundledSite('zensus-grid').values));
    const residents = Float32Array.from(table.getChild('einwohner')!.toArray() as Int32Array);
    expect(residents.length).toBe(214_633);
    const breaks = quintileBreaks(residents);
    expect(breaks).toHaveLength(4);
    const colors = mutedCellColors(residents);
    const counts = MUTED_RAMP.map((c) => {
      let n = 0;
      for (let i = 0; i < colors.length; i += 4) if (colors[i] === c[0] && colors[i + 1] === c[1] && colors[i + 2] === c[2]) n++;
      return n;
    });
    expect(counts.reduce((a, b) => a + b, 0)).toBe(residents.length);
    // Ties at the breaks (many small cells hold the same count) move a few percent between classes.
    for (const n of counts) expect(Math.abs(n / residents.length - 0.2)).toBeLessThan(0.05);
    // The most populous cell is in the darkest class, the least populous in the lightest.
    const max = residents.indexOf(residents.reduce((a, b) => Math.max(a, b)));
    const min = residents.indexOf(residents.reduce((a, b) => Math.min(a, b)));
    expect([...colors.slice(4 * max, 4 * max + 3)]).toEqual([...MUTED_RAMP[4]!]);
    expect([...colors.slice(4 * min, 4 * min + 3)]).toEqual([...MUTED_RAMP[0]!]);
  });

  it('a suppressed share (NaN) is the pale missing grey, opaque; a grid of one value has one class', () => {
    const colors = mutedCellColors(Float32Array.from([NaN, 5, 5, 5]));
    expect([...colors.slice(0, 4)]).toEqual([...MUTED_MISSING, 255]);
    expect(new Set([4, 8, 12].map((i) => colors.slice(i, i + 3).join())).size).toBe(1);
  });
});
