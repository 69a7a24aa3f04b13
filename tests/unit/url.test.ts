import { describe, expect, it } from 'vitest';
import { parseViewState, serializeViewState } from '../../src/lib/state/url';
import { type SiteInfo, type ViewState } from '../../src/lib/state/view-state';
import type { ProgrammeArea } from '../../src/lib/data/programme-areas';

const SITES: SiteInfo[] = [
  {
    id: 'leipzig',
    defaults: { level: 'ortsteil', ind: 'alq', year: 2022 },
    levels: [{ id: 'ortsteil' }, { id: 'bezirk' }],
    indicators: [
      { id: 'alq', years: [2018, 2019, 2020, 2022] },
      { id: 'dens', years: [2015, 2020] },
    ],
  },
  {
    id: 'dresden',
    defaults: { level: 'stadtteil', ind: 'alq', year: 2021 },
    levels: [{ id: 'stadtteil' }],
    indicators: [{ id: 'alq', years: [2019, 2021] }],
  },
];

const DEFAULTS: ViewState = {
  site: 'leipzig',
  level: 'ortsteil',
  ind: 'alq',
  year: 2022,
  cls: 'quantile',
  k: 5,
  breaks: null,
  sel: [],
  lang: 'de',
  mode: 'map',
  from: 2018,
  to: 2022,
  chg: null,
  trend: false,
  cmp: [],
  ind2: null,
  idx: [],
  idxmin: null,
  idxdyn: null,
  pts: [],
  embed: null,
  sec: 0,
  pa: [],
  sim: [],
  start: null,
  cg: 'rest',
  simx: false,
  fx: '',
};

const parse = (search: string) => parseViewState(search, SITES, 'leipzig');

describe('parseViewState: defaults', () => {
  it.each(['', '?', '?site=&sel='])('%j gives all defaults without notices', (search) => {
    expect(parse(search)).toEqual({ state: DEFAULTS, notices: [] });
  });

  it('drops unknown extra parameters silently', () => {
    const { state, notices } = parse('?foo=bar&site=dresden&utm_source=x');
    expect(notices).toEqual([]);
    expect(state.site).toBe('dresden');
    expect(serializeViewState(state)).not.toContain('foo');
  });

  it('accepts a search string without "?" and uses the first of repeated params', () => {
    expect(parse('lang=en&lang=de').state.lang).toBe('en');
  });

  it('uses the first site when the default site is unknown, throws without sites', () => {
    expect(parseViewState('', SITES, 'nowhere').state.site).toBe('leipzig');
    expect(() => parseViewState('', [], 'leipzig')).toThrow(/no sites/);
  });
});

describe('round trip', () => {
  const states: ViewState[] = [
    DEFAULTS,
    { ...DEFAULTS, site: 'dresden', level: 'stadtteil', year: 2019, from: 2019, to: 2021, cls: 'jenks', k: 7, lang: 'en' },
    { ...DEFAULTS, level: 'bezirk', ind: 'dens', year: 2015, from: 2015, to: 2020, cls: 'stddev', k: 3, sel: ['01', 'a-b_c.d'] },
    { ...DEFAULTS, cls: 'manual', k: 9, breaks: [-1.5, 0, 2.25, 1000000], sel: ['X'] },
    { ...DEFAULTS, cls: 'equal', k: 4, sel: ['1', '2', '3', '4', '5', '6'] },
    { ...DEFAULTS, mode: 'scatter', ind2: 'dens' },
    { ...DEFAULTS, mode: 'index', idx: [{ id: 'alq', w: 2 }, { id: 'dens', w: 0.5 }] },
    { ...DEFAULTS, mode: 'profile', sel: ['01'] },
    { ...DEFAULTS, pts: ['kitas', 'schulen'] },
  ];

  it.each(states)('parse(serialize(s)) equals s: %j', (s) => {
    const { state, notices } = parse(serializeViewState(s));
    expect(notices).toEqual([]);
    expect(state).toEqual(s);
  });

  it('serializes in a stable order with literal commas', () => {
    expect(serializeViewState({ ...DEFAULTS, cls: 'manual', breaks: [-1.5, 0, 2.25], sel: ['A1', 'B2'], lang: 'en' })).toBe(
      '?site=leipzig&level=ortsteil&ind=alq&year=2022&from=2018&to=2022&cls=manual&k=5&breaks=-1.5,0,2.25&sel=A1,B2&lang=en',
    );
    expect(serializeViewState(DEFAULTS)).toBe('?site=leipzig&level=ortsteil&ind=alq&year=2022&from=2018&to=2022&cls=quantile&k=5&lang=de');
  });

  it('writes breaks only with cls=manual', () => {
    expect(serializeViewState({ ...DEFAULTS, cls: 'jenks', breaks: [1, 2] })).not.toContain('breaks');
    // and ignores them on parse without a notice
    expect(parse('?cls=jenks&breaks=1,2')).toEqual({ state: { ...DEFAULTS, cls: 'jenks' }, notices: [] });
  });
});

describe('parseViewState: fallbacks', () => {
  it('unknown site → default site', () => {
    const { state, notices } = parse('?site=berlin&level=ortsteil');
    expect(state.site).toBe('leipzig');
    expect(state.level).toBe('ortsteil');
    expect(notices).toEqual([{ param: 'site', value: 'berlin', fallback: 'leipzig', reason: 'unknown' }]);
  });

  it('level and indicator are validated against the chosen site', () => {
    const { state, notices } = parse('?site=dresden&level=ortsteil&ind=dens');
    expect(state).toMatchObject({ site: 'dresden', level: 'stadtteil', ind: 'alq', year: 2021 });
    expect(notices).toEqual([
      { param: 'level', value: 'ortsteil', fallback: 'stadtteil', reason: 'unknown' },
      { param: 'ind', value: 'dens', fallback: 'alq', reason: 'unknown' },
    ]);
  });

  it.each(['22', '2022a', '20.22', '-2022', '20220'])('malformed year %j → default year', (y) => {
    const { state, notices } = parse(`?year=${y}`);
    expect(state.year).toBe(2022);
    expect(notices).toEqual([{ param: 'year', value: y, fallback: '2022', reason: 'malformed' }]);
  });

  it.each([
    [2017, 2018],
    [2021, 2022], // tie between 2020 and 2022 → the later year
    [2030, 2022],
  ])('unavailable year %i → nearest %i', (y, expected) => {
    const { state, notices } = parse(`?year=${y}`);
    expect(state.year).toBe(expected);
    expect(notices).toEqual([{ param: 'year', value: String(y), fallback: String(expected), reason: 'unavailable' }]);
  });

  it('without a year, the default year moves to the nearest year of the indicator', () => {
    // dens has 2015 and 2020, the site default is 2022 → 2020, no notice
    expect(parse('?ind=dens')).toEqual({ state: { ...DEFAULTS, ind: 'dens', year: 2020, from: 2015, to: 2020 }, notices: [] });
  });

  it('unknown cls → quantile', () => {
    const { state, notices } = parse('?cls=Jenks');
    expect(state.cls).toBe('quantile');
    expect(notices).toEqual([{ param: 'cls', value: 'Jenks', fallback: 'quantile', reason: 'unknown' }]);
  });

  it.each([
    ['abc', 'malformed'],
    ['4.5', 'malformed'],
    ['-3', 'malformed'],
    ['2', 'unavailable'],
    ['10', 'unavailable'],
  ])('k=%s → 5 (%s)', (k, reason) => {
    const { state, notices } = parse(`?k=${k}`);
    expect(state.k).toBe(5);
    expect(notices).toEqual([{ param: 'k', value: k, fallback: '5', reason }]);
  });

  it('cls=manual without breaks → quantile with a notice', () => {
    const { state, notices } = parse('?cls=manual&k=4');
    expect(state).toMatchObject({ cls: 'quantile', k: 4, breaks: null });
    expect(notices).toEqual([{ param: 'cls', value: 'manual', fallback: 'quantile', reason: 'unavailable' }]);
  });

  it.each(['1,x', '1;2;3', '1,,3', '5', '1,Infinity', '1,2,3,4,5,6,7,8,9', '0x10,20'])(
    'malformed breaks %j → null, cls falls back to quantile',
    (raw) => {
      const { state, notices } = parse(`?cls=manual&breaks=${encodeURIComponent(raw)}`);
      expect(state).toMatchObject({ cls: 'quantile', breaks: null });
      expect(notices).toEqual([
        { param: 'breaks', value: raw, fallback: '', reason: 'malformed' },
        { param: 'cls', value: 'manual', fallback: 'quantile', reason: 'unavailable' },
      ]);
    },
  );

  it('manual breaks are sorted and deduplicated', () => {
    expect(parse('?cls=manual&breaks=3,1.5,3,-2').state.breaks).toEqual([-2, 1.5, 3]);
  });

  it('unknown lang → de', () => {
    const { state, notices } = parse('?lang=fr');
    expect(state.lang).toBe('de');
    expect(notices).toEqual([{ param: 'lang', value: 'fr', fallback: 'de', reason: 'unknown' }]);
  });
});

describe('parseViewState: sel and encoding', () => {
  it('trims, drops empty entries and deduplicates', () => {
    const { state, notices } = parse('?sel=%20A1%20,B2,A1,,C3%20');
    expect(state.sel).toEqual(['A1', 'B2', 'C3']);
    expect(notices).toEqual([]);
  });

  it('keeps at most 6 ids', () => {
    const { state, notices } = parse('?sel=a,b,c,d,e,f,g,h');
    expect(state.sel).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(notices).toEqual([{ param: 'sel', value: 'g,h', fallback: 'a,b,c,d,e,f', reason: 'unavailable' }]);
  });

  it('rejects umlauts, broken encoding and over-long ids', () => {
    const long = 'x'.repeat(33);
    // URLSearchParams decodes invalid UTF-8 to U+FFFD and keeps invalid escapes literally
    const { state, notices } = parse(`?sel=S%C3%BCdstadt,Nord,%E0%A4%A,%ZZ,${long},a%20b`);
    expect(state.sel).toEqual(['Nord']);
    expect(notices).toEqual([
      { param: 'sel', value: `Südstadt,\uFFFD%A,%ZZ,${long},a b`, fallback: 'Nord', reason: 'malformed' },
    ]);
  });

  it('rejects umlauts in site / indicator ids as unknown', () => {
    const { state, notices } = parse('?site=M%C3%BCnchen&ind=Arbeitslosenquote%C3%A4');
    expect(state).toMatchObject({ site: 'leipzig', ind: 'alq' });
    expect(notices.map((n) => [n.param, n.value, n.reason])).toEqual([
      ['site', 'München', 'unknown'],
      ['ind', 'Arbeitslosenquote\u00E4', 'unknown'],
    ]);
  });

  it('encodes unusual catalog ids safely', () => {
    const sites: SiteInfo[] = [
      { id: 'a&b', defaults: { level: 'l=1', ind: 'i?', year: 2020 }, levels: [{ id: 'l=1' }], indicators: [{ id: 'i?', years: [2020] }] },
    ];
    const s: ViewState = { ...DEFAULTS, site: 'a&b', level: 'l=1', ind: 'i?', year: 2020, from: 2020, to: 2020 };
    const search = serializeViewState(s);
    expect(search).toContain('site=a%26b&level=l%3D1&ind=i%3F');
    expect(parseViewState(search, sites, 'a&b')).toEqual({ state: s, notices: [] });
  });
});

describe('change mode and year range', () => {
  it('round-trips mode=change with from, to and chg', () => {
    const s: ViewState = { ...DEFAULTS, mode: 'change', from: 2019, to: 2022, chg: 'pct' };
    const url = serializeViewState(s);
    expect(url).toBe('?site=leipzig&level=ortsteil&ind=alq&year=2022&mode=change&from=2019&to=2022&chg=pct&cls=quantile&k=5&lang=de');
    expect(parse(url)).toEqual({ state: s, notices: [] });
  });

  it('leaves mode out of the URL in map mode, but keeps the range', () => {
    const url = serializeViewState({ ...DEFAULTS, from: 2019 });
    expect(url).not.toMatch(/mode=/);
    expect(url).toMatch(/&from=2019&to=2022&/);
  });

  it('falls back with notices for an unknown mode, malformed or unavailable years, an empty range', () => {
    expect(parse('?mode=spin').notices).toEqual([{ param: 'mode', value: 'spin', fallback: 'map', reason: 'unknown' }]);
    const r = parse('?mode=change&from=20x9&to=2021');
    expect(r.state).toMatchObject({ mode: 'change', from: 2018, to: 2022 });
    expect(r.notices.map((n) => [n.param, n.reason])).toEqual([
      ['from', 'malformed'],
      ['to', 'unavailable'],
    ]);
    // A range of one year starts at the first year, as after an update (one normalisation for both).
    const empty = parse('?mode=change&from=2020&to=2020');
    expect(empty.state).toMatchObject({ mode: 'change', from: 2018, to: 2020 });
    expect(empty.notices).toEqual([{ param: 'from', value: '2020', fallback: '2018', reason: 'unavailable' }]);
    // An indicator with one year cannot show a change.
    const single = parseViewState('?ind=once&mode=change', [{ ...SITES[0]!, indicators: [{ id: 'once', years: [2020] }] }], 'leipzig');
    expect(single.state.mode).toBe('map');
    expect(single.notices).toEqual([{ param: 'mode', value: 'change', fallback: 'map', reason: 'unavailable' }]);
  });

  it('reads trend=1 and writes it only when on', () => {
    expect(parse('?trend=1').state.trend).toBe(true);
    expect(serializeViewState({ ...DEFAULTS, trend: true })).toContain('&trend=1&');
    expect(serializeViewState(DEFAULTS)).not.toContain('trend');
    expect(parse('?trend=yes').notices).toEqual([{ param: 'trend', value: 'yes', fallback: '0', reason: 'malformed' }]);
  });

  it('reads cross-site comparisons as site:id and drops malformed ones with a notice', () => {
    const r = parse('?cmp=dresden:14612,nowhere:1,dresden:a:b,dresden:14612');
    expect(r.state.cmp).toEqual(['dresden:14612']);
    expect(r.notices).toEqual([{ param: 'cmp', value: 'nowhere:1,dresden:a:b', fallback: 'dresden:14612', reason: 'malformed' }]);
    expect(serializeViewState({ ...DEFAULTS, cmp: ['dresden:14612'] })).toContain('&cmp=dresden:14612&');
  });

  it('orders a reversed range', () => {
    expect(parse('?mode=change&from=2022&to=2019').state).toMatchObject({ from: 2019, to: 2022 });
  });
});

describe('second indicator and social index weights', () => {
  it('keeps a known ind2 and drops an unknown one with a notice', () => {
    expect(parse('?mode=bivariate&ind2=dens').state).toMatchObject({ mode: 'bivariate', ind2: 'dens' });
    const { state, notices } = parse('?ind2=nope');
    expect(state.ind2).toBeNull();
    expect(notices).toEqual([{ param: 'ind2', value: 'nope', fallback: '', reason: 'unknown' }]);
  });

  it('reads idx as id:weight pairs, weight 1 when left out, and rejects bad pairs with a notice', () => {
    expect(parse('?idx=alq:2,dens').state.idx).toEqual([{ id: 'alq', w: 2 }, { id: 'dens', w: 1 }]);
    const { state, notices } = parse('?idx=alq:2,nope:1,dens:-1,dens:11,alq:3');
    expect(state.idx).toEqual([{ id: 'alq', w: 2 }]);
    expect(notices[0]).toMatchObject({ param: 'idx', value: 'nope:1,dens:-1,dens:11', reason: 'malformed' });
  });

  it('writes ind2 after ind and idx after trend', () => {
    expect(serializeViewState({ ...DEFAULTS, mode: 'index', ind2: 'dens', idx: [{ id: 'alq', w: 1 }] })).toBe(
      '?site=leipzig&level=ortsteil&ind=alq&ind2=dens&year=2022&mode=index&from=2018&to=2022&idx=alq:1&cls=quantile&k=5&lang=de',
    );
  });
});

describe('social index options (idxmin, idxdyn)', () => {
  it('reads a minimum of residents 0–100000 and a dynamics window of 1–10 years, and writes them after idx', () => {
    expect(parse('?mode=index&idxmin=500&idxdyn=2').state).toMatchObject({ idxmin: 500, idxdyn: 2 });
    expect(parse('?idxmin=0').state.idxmin).toBe(0);
    expect(parse('').state).toMatchObject({ idxmin: null, idxdyn: null });
    expect(serializeViewState({ ...DEFAULTS, mode: 'index', idx: [{ id: 'alq', w: 1 }], idxmin: 0, idxdyn: 2 })).toBe(
      '?site=leipzig&level=ortsteil&ind=alq&year=2022&mode=index&from=2018&to=2022&idx=alq:1&idxmin=0&idxdyn=2&cls=quantile&k=5&lang=de',
    );
    expect(serializeViewState(DEFAULTS)).not.toMatch(/idxmin|idxdyn/);
  });

  it('drops malformed values with a notice', () => {
    for (const [q, param] of [['?idxmin=-1', 'idxmin'], ['?idxmin=2.5', 'idxmin'], ['?idxmin=100001', 'idxmin'], ['?idxdyn=0', 'idxdyn'], ['?idxdyn=11', 'idxdyn'], ['?idxdyn=x', 'idxdyn']] as const) {
      const { state, notices } = parse(q);
      expect(state[param]).toBeNull();
      expect(notices.map((n) => n.param)).toEqual([param]);
    }
  });

  it('a round trip keeps them', () => {
    const { state } = parse('?mode=index&idxmin=300&idxdyn=3');
    expect(parse(serializeViewState(state)).state).toEqual(state);
  });
});

describe('embed', () => {
  it('reads and writes embed=map|static; anything else is a notice', () => {
    expect(parse('?embed=static').state.embed).toBe('static');
    expect(serializeViewState({ ...DEFAULTS, embed: 'map' })).toMatch(/&embed=map$/);
    const bad = parse('?embed=<script>');
    expect(bad.state.embed).toBeNull();
    expect(bad.notices.map((n) => n.param)).toContain('embed');
  });
});

describe('sec (statistical secrecy)', () => {
  it('reads a threshold 0–20 and writes it only when on', () => {
    expect(parse('?sec=3').state.sec).toBe(3);
    expect(serializeViewState({ ...DEFAULTS, sec: 3 })).toContain('&sec=3&');
    expect(serializeViewState(DEFAULTS)).not.toContain('sec=');
    expect(parse('?sec=-1').state.sec).toBe(0);
    expect(parse('?sec=2.5').notices.map((n) => n.param)).toContain('sec');
  });
});

describe('pa: programme areas made of base areas (share links)', () => {
  const union = (id: string, name: string, members: string[], extra: Partial<ProgrammeArea> = {}): ProgrammeArea => ({
    id, site: 'leipzig', name, programme: 'esf-plus', startYear: 2021, color: '#e69f00', members, ...extra,
  });

  it('round-trips unions with names that need escaping, and shows their level', () => {
    const pa = [
      union('pa-a1', 'Leipziger Osten ~ Teil 1 | Süd, 100 %', ['00', '01', '02']),
      union('pa-b2', 'Eigenes', ['10'], { programme: 'own', programmeText: 'Quartier & Co', startYear: null, color: '#0072b2' }),
    ];
    const s: ViewState = { ...DEFAULTS, level: 'programmgebiet', pa };
    const url = serializeViewState(s);
    expect(url).toContain('&pa=pa-a1~');
    expect(url).toContain('~esf-plus~2021~00,01,02~e69f00|pa-b2~');
    expect(parse(url)).toEqual({ state: s, notices: [] });
    // the browser's own re-encoding of the query (URLSearchParams) keeps it readable
    const again = `?${new URLSearchParams(url).toString()}`;
    expect(parse(again).state.pa).toEqual(pa);
  });

  it('writes only unions of the shown site (not drawn ones, not examples)', () => {
    const drawn = union('pa-d', 'Gezeichnet', ['00', '01'], { weights: { '00': 0.4 } });
    const poly = union('pa-p', 'Polygon', ['00'], {
      geometry: { type: 'Polygon', coordinates: [[[12.3, 51.3], [12.4, 51.3], [12.4, 51.4], [12.3, 51.3]]] },
    });
    const example = union('pa-e', 'Beispiel', ['00'], { example: true });
    const other = { ...union('pa-o', 'Dresden', ['x']), site: 'dresden' };
    expect(serializeViewState({ ...DEFAULTS, pa: [drawn, poly, example, other] })).not.toContain('pa=');
  });

  it('level=programmgebiet is only accepted with programme areas; broken entries are named', () => {
    expect(parse('?level=programmgebiet').state.level).toBe('ortsteil');
    const { state, notices } = parse('?level=programmgebiet&pa=pa-ok~A~thinka~~00,01|bad~entry|pa-x~B~nope~2020~00|pa-y~C~esf-plus~1700~00');
    expect(state.level).toBe('programmgebiet');
    expect(state.pa.map((a) => [a.id, a.name, a.programme, a.startYear, a.members])).toEqual([['pa-ok', 'A', 'thinka', null, ['00', '01']]]);
    expect(notices.map((n) => [n.param, n.reason])).toEqual([['pa', 'malformed']]);
    expect(notices[0]!.value.split('|')).toHaveLength(3);
  });

  it('a broken escape or an entry without members is rejected, never thrown', () => {
    const { state, notices } = parse('?pa=pa-a~%E0%A4%A~esf-plus~~00|pa-b~B~esf-plus~2020~|pa-c~C~esf-plus~2020~01');
    expect(state.pa.map((a) => a.id)).toEqual(['pa-c']);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.value.split('|')).toHaveLength(2);
  });
});

describe('similar areas and before/after (sim, start, cg)', () => {
  it('reads and writes the indicators, the start year and the comparison group', () => {
    const { state, notices } = parse('?mode=did&sim=dens,alq&start=2019&cg=similar');
    expect(notices).toEqual([]);
    expect(state).toMatchObject({ mode: 'did', sim: ['dens', 'alq'], start: 2019, cg: 'similar' });
    expect(serializeViewState(state)).toBe('?site=leipzig&level=ortsteil&ind=alq&year=2022&mode=did&from=2018&to=2022&sim=dens,alq&start=2019&cg=similar&cls=quantile&k=5&lang=de');
    expect(parse(serializeViewState(state).slice(1)).state).toEqual(state);
    expect(serializeViewState({ ...DEFAULTS, mode: 'similar' })).not.toMatch(/sim=|start=|cg=/);
  });

  it('drops unknown indicators, moves a start year to the nearest year of the indicator, and names both', () => {
    const { state, notices } = parse('?mode=similar&sim=alq,nope,alq&start=2021&cg=all');
    expect(state.sim).toEqual(['alq']);
    expect(state.start).toBe(2022);
    expect(state.cg).toBe('rest');
    expect(notices).toEqual([
      { param: 'sim', value: 'nope', fallback: 'alq', reason: 'unknown' },
      { param: 'start', value: '2021', fallback: '2022', reason: 'unavailable' },
      { param: 'cg', value: 'all', fallback: 'rest', reason: 'unknown' },
    ]);
    expect(parse('?start=15').notices).toEqual([{ param: 'start', value: '15', fallback: '', reason: 'malformed' }]);
    expect(parse('?start=15').state.start).toBeNull();
  });
});
