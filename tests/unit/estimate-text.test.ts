// Estimated programme areas say so (issue 17, item 2): the parts a drawn area
// cuts, worded with the real Ortsteil names from DuckDB; what the exports write.
import { beforeAll, describe, expect, it } from 'vitest';
import { findBundledSite, findIndicator } from '../../src/lib/data/catalog';
import { PROGRAMME_LEVEL, type ProgrammeArea } from '../../src/lib/data/programme-areas';
import { checkProgrammeArea } from '../../src/lib/data/programme-areas-check';
import { queryRows, type Engine } from '../../src/lib/db/engine';
import { levelAreas, levelValues } from '../../src/lib/db/queries';
import { setProgrammeAreas } from '../../src/lib/db/programme-areas';
import { loadSite } from '../../src/lib/db/schema';
import { estimateNote, estimateNotes, programmeEstimate } from '../../src/lib/render/estimate-text';
import { viewTables, viewTexts, type ShownView } from '../../src/lib/state/view-export';
import { buildResult } from '../../src/lib/render/view-result';
import { parseViewState } from '../../src/lib/state/url';
import { createNodeEngine, readDataFile } from './helpers/node-engine';

const leipzig = findBundledSite('leipzig');
const drawn: ProgrammeArea = {
  id: 'pa-drawn',
  site: 'leipzig',
  name: 'Gezeichnetes Quartier',
  programme: 'thinka',
  startYear: 2024,
  color: '#cc79a7',
  members: ['00', '01', '02', '10'],
  weights: { '00': 1, '01': 1, '02': 0.5, '10': 0.1234 },
  areaShares: { '02': 0.37, '10': 0.004 },
  geometry: { type: 'Polygon', coordinates: [[[12.36, 51.32], [12.41, 51.32], [12.41, 51.35], [12.36, 51.35], [12.36, 51.32]]] },
};
const union: ProgrammeArea = { ...drawn, id: 'pa-union', name: 'Union', members: ['00', '01'], weights: undefined, areaShares: undefined, geometry: undefined };

describe('the wording of an estimate (real Ortsteil names)', () => {
  let engine: Engine;
  let names: Map<string, string>;
  beforeAll(async () => {
    engine = await createNodeEngine();
    await loadSite(engine, leipzig, readDataFile);
    names = new Map((await levelAreas(engine, leipzig, 'ortsteil')).map((a) => [a.id, a.name]));
  }, 120_000);

  it('names each cut Ortsteil with the share of its area inside, the largest first; whole ones are not named', () => {
    const e = programmeEstimate(drawn, (id) => names.get(id)!, 'de');
    expect(e?.kind).toBe('parts');
    const parts = e!.kind === 'parts' ? e!.parts : [];
    expect(parts.map((p) => p.id)).toEqual(['02', '10']);
    expect(parts[0]!.name).toBe(names.get('02'));
    expect(parts[0]!.areaPercentText).toBe('37');
    expect(parts[0]!.weightPercentText).toBe('50');
    expect(parts[1]!.areaPercentText).toBe('0,4');
    expect(estimateNote(e!, 'de')).toBe(`geschätzt: 37 % der Fläche von ${names.get('02')} und 0,4 % der Fläche von ${names.get('10')}`);
    expect(estimateNote(programmeEstimate(drawn, (id) => names.get(id)!, 'en')!, 'en')).toBe(
      `estimated: 37 % of the area of ${names.get('02')} and 0.4 % of the area of ${names.get('10')}`,
    );
  });

  it('falls back to the weight where the area share is unknown; a union is exact (no note); many parts are counted', () => {
    const noShares = { ...drawn, areaShares: undefined };
    expect(estimateNote(programmeEstimate(noShares, (id) => names.get(id)!, 'de')!, 'de')).toBe(
      `geschätzt: 50 % der Fläche von ${names.get('02')} und 12 % der Fläche von ${names.get('10')}`,
    );
    expect(programmeEstimate(union, (id) => names.get(id)!, 'de')).toBeNull();
    const many = { ...drawn, members: ['00', '01', '02', '03', '04'], weights: { '00': 0.9, '01': 0.8, '02': 0.7, '03': 0.6, '04': 0.5 }, areaShares: undefined };
    const note = estimateNote(programmeEstimate(many, (id) => names.get(id)!, 'de')!, 'de');
    expect(note).toBe(`geschätzt: 90 % der Fläche von ${names.get('00')}, 80 % der Fläche von ${names.get('01')}, 70 % der Fläche von ${names.get('02')} und 2 weitere`);
    expect([...estimateNotes([drawn, union], (id) => names.get(id)!, 'de').keys()]).toEqual(['pa-drawn']);
  });

  it('a grid site area (a polygon without members) is estimated from the cells; without a polygon it is no area', () => {
    const grid = { ...drawn, site: 'zensus-grid', members: [], weights: undefined, areaShares: undefined };
    expect(programmeEstimate(grid, () => '', 'de')).toEqual({ kind: 'grid' });
    expect(estimateNote({ kind: 'grid' }, 'de')).toMatch(/^geschätzt aus den 1-km-Gitterzellen/);
    expect(checkProgrammeArea(grid).ok).toBe(true);
    expect(checkProgrammeArea({ ...grid, geometry: undefined }).ok).toBe(false);
  });

  it('the check keeps area shares of members in [0, 1] and refuses others', () => {
    expect(checkProgrammeArea(drawn)).toMatchObject({ ok: true, value: { areaShares: { '02': 0.37, '10': 0.004 } } });
    expect(checkProgrammeArea({ ...drawn, areaShares: { '02': 1.5 } }).ok).toBe(false);
    expect(checkProgrammeArea({ ...drawn, areaShares: { '99': 0.5 } }).ok).toBe(false);
    expect(checkProgrammeArea({ ...drawn, areaShares: 'x' }).ok).toBe(false);
  });

  it('CSV/XLSX tables carry a column with how each estimated value is estimated, and the metadata and legend say so', async () => {
    await setProgrammeAreas(engine, leipzig, [drawn, union]);
    const ind = findIndicator(leipzig, 'einwohner');
    const rows = await levelValues(engine, leipzig, ind, PROGRAMME_LEVEL, 2023);
    expect(rows.find((r) => r.id === 'pa-drawn')!.estimated).toBe(true);
    expect(rows.find((r) => r.id === 'pa-union')!.estimated).toBe(false);
    const level = { id: PROGRAMME_LEVEL, label: { de: 'Programmgebiete', en: 'Programme areas' }, geometry: '', count: 2 };
    const site = { ...leipzig, levels: [...leipzig.levels, level] };
    const view = parseViewState('?site=leipzig&level=programmgebiet&ind=einwohner&year=2023', [site], 'leipzig').state;
    expect(view.level).toBe(PROGRAMME_LEVEL);
    const result = buildResult(view, site, ind, rows, null);
    const notes = estimateNotes([drawn, union], (id) => names.get(id)!, 'de');
    const app = {
      views: { view, indicator: ind, level, site },
      shown: { result, names: new Map([['pa-drawn', drawn.name], ['pa-union', union.name]]), trendShown: null, estimateNote: (id: string) => notes.get(id) ?? null },
    } as unknown as ShownView;
    const { data, meta } = viewTables(app, 'https://example.org/');
    expect(data.columns[data.columns.length - 1]).toBe('Schätzung');
    const byName = new Map(data.rows.map((r) => [r[1], r]));
    const own = await queryRows<{ v: number }>(engine, `SELECT sum(b.weight * o.value) AS v FROM area_base b JOIN observations o ON o.site = b.site AND o.area_id = b.base_id AND o.ind = 'einwohner' AND o.year = 2023 WHERE b.site = 'leipzig' AND b.area_id = 'pa-drawn'`);
    expect(byName.get('Gezeichnetes Quartier')![3]).toBeCloseTo(own[0]!.v, 6);
    expect(byName.get('Gezeichnetes Quartier')![4]).toBe(notes.get('pa-drawn'));
    expect(byName.get('Union')![4]).toBeNull();
    expect(meta.rows.some((r) => r[0] === 'Schätzung')).toBe(true);
    expect(viewTexts(app).legend.note).toMatch(/≈ geschätzt: 1 Gebiet/);
    // Exact areas only: no column, no note.
    const exact = { ...app, shown: { ...app.shown, result: buildResult(view, site, ind, rows.filter((r) => r.id === 'pa-union'), null) } } as ShownView;
    expect(viewTables(exact, 'https://example.org/').data.columns).not.toContain('Schätzung');
    expect(viewTexts(exact).legend.note).toBeUndefined();
  });
});
