import { describe, expect, it } from 'vitest';
import { rankAreas } from '../../src/lib/analysis/ranking';

describe('rankAreas', () => {
  it('sorts descending with competition ranks for ties (1, 2, 2, 4)', () => {
    const r = rankAreas([
      { id: 'a', value: 5 },
      { id: 'b', value: 9 },
      { id: 'c', value: 7 },
      { id: 'd', value: 7 },
    ]);
    expect(r).toEqual([
      { id: 'b', value: 9, rank: 1 },
      { id: 'c', value: 7, rank: 2 },
      { id: 'd', value: 7, rank: 2 },
      { id: 'a', value: 5, rank: 4 },
    ]);
  });

  it('breaks ties by id whatever the input order', () => {
    const input = [
      { id: 'z', value: 1 },
      { id: 'm', value: 1 },
      { id: 'a', value: 1 },
      { id: 'q', value: 2 },
    ];
    const r = rankAreas(input);
    expect(r.map((a) => a.id)).toEqual(['q', 'a', 'm', 'z']);
    expect(r.map((a) => a.rank)).toEqual([1, 2, 2, 2]);
    expect(rankAreas([...input].reverse())).toEqual(r);
  });

  it('puts missing values last with rank null, never ranked as 0', () => {
    const r = rankAreas([
      { id: 'x', value: null },
      { id: 'neg', value: -3 },
      { id: 'zero', value: 0 },
      { id: 'nan', value: NaN },
      { id: 'b', value: null },
    ]);
    expect(r).toEqual([
      { id: 'zero', value: 0, rank: 1 },
      { id: 'neg', value: -3, rank: 2 },
      { id: 'b', value: null, rank: null },
      { id: 'nan', value: null, rank: null },
      { id: 'x', value: null, rank: null },
    ]);
  });

  it('handles empty and all-missing input', () => {
    expect(rankAreas([])).toEqual([]);
    expect(rankAreas([{ id: 'a', value: null }])).toEqual([{ id: 'a', value: null, rank: null }]);
  });

  it('a tie at the top and a rank after several ties', () => {
    // 3, 3, 3, 1 → ranks 1, 1, 1, 4
    const r = rankAreas(['a', 'b', 'c'].map((id) => ({ id, value: 3 })).concat([{ id: 'd', value: 1 }]));
    expect(r.map((a) => a.rank)).toEqual([1, 1, 1, 4]);
  });
});
