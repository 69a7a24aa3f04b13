// One normalisation for URL parsing and for updates from the UI (state/view-normalize.ts).
import { describe, expect, it } from 'vitest';
import { nearestYear, normalizeRange, normalizeView } from '../../src/lib/state/view-normalize';
import { parseViewState } from '../../src/lib/state/url';
import type { SiteInfo } from '../../src/lib/state/view-state';

const SITE: SiteInfo = {
  id: 'leipzig',
  defaults: { level: 'ortsteil', ind: 'alq', year: 2022 },
  levels: [{ id: 'ortsteil' }],
  indicators: [
    { id: 'alq', years: [2018, 2019, 2020, 2022] },
    { id: 'once', years: [2020] },
  ],
};

describe('normalizeRange', () => {
  it('moves the ends to years the indicator has and puts them in order', () => {
    expect(normalizeRange([2018, 2019, 2020, 2022], 2021, 2017, 'map')).toEqual({ from: 2018, to: 2022, mode: 'map', changeDropped: false });
  });

  it('a range of one year starts at the first year instead', () => {
    expect(normalizeRange([2018, 2019, 2020, 2022], 2020, 2020, 'change')).toEqual({ from: 2018, to: 2020, mode: 'change', changeDropped: false });
  });

  it('a change map over an indicator with one year becomes a plain map', () => {
    expect(normalizeRange([2020], 2020, 2020, 'change')).toEqual({ from: 2020, to: 2020, mode: 'map', changeDropped: true });
  });

  it('nearestYear takes the later year on a tie', () => {
    expect(nearestYear([2018, 2020], 2019)).toBe(2020);
    expect(nearestYear([], 2019)).toBe(2019);
  });
});

describe('URL parsing and updates follow the same rules', () => {
  const cases = [
    '?ind=alq&year=2021&from=2020&to=2020',
    '?ind=alq&year=2019&from=2022&to=2018&mode=change',
    '?ind=once&mode=change&from=2020&to=2020',
    '?ind=alq&cls=quantile&breaks=1,2,3',
    '?ind=alq&cls=manual&breaks=1,2,3&from=2019&to=2019',
  ];
  for (const query of cases) {
    it(`a parsed view is already normal: ${query}`, () => {
      const parsed = parseViewState(query, [SITE], 'leipzig').state;
      expect(normalizeView(parsed, SITE)).toEqual(parsed);
    });
  }

  it('a parsed range of one year starts at the first year, as after an update', () => {
    const parsed = parseViewState('?ind=alq&year=2022&from=2020&to=2020', [SITE], 'leipzig').state;
    expect([parsed.from, parsed.to]).toEqual([2018, 2020]);
    const updated = normalizeView({ ...parsed, from: 2020, to: 2020 }, SITE);
    expect([updated.from, updated.to]).toEqual([2018, 2020]);
  });

  it('an update keeps manual breaks only with cls=manual and moves the year onto the indicator', () => {
    const parsed = parseViewState('?ind=alq&cls=manual&breaks=1,2,3', [SITE], 'leipzig').state;
    expect(parsed.breaks).toEqual([1, 2, 3]);
    expect(normalizeView({ ...parsed, cls: 'jenks' }, SITE).breaks).toBeNull();
    expect(normalizeView({ ...parsed, ind: 'once' }, SITE).year).toBe(2020);
  });

  it('a change map over one year becomes a plain map, with a notice when it came from the URL', () => {
    const { state, notices } = parseViewState('?ind=once&mode=change', [SITE], 'leipzig');
    expect(state.mode).toBe('map');
    expect(notices).toContainEqual({ param: 'mode', value: 'change', fallback: 'map', reason: 'unavailable' });
    expect(normalizeView({ ...state, mode: 'change' }, SITE).mode).toBe('map');
  });
});
