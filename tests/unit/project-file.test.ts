import { describe, expect, it } from 'vitest';
import { readProject, writeProject } from '../../src/lib/io/project-file';
import type { TableExtension, UserPointLayer, UserSite } from '../../src/lib/data/user-data';

const site = {
  site: { id: 'user-a', label: { de: 'Gebiete', en: 'Gebiete' } },
  source: { attribution: 'Eigene Daten' },
  created: '2026-11-21',
  files: { 'user/user-a/areas.csv': new TextEncoder().encode('id,name\n1,Lößnig\n'), 'user/user-a/bin': new Uint8Array([0, 255, 128, 7]) },
} as unknown as UserSite;
const ext = { id: 'ext-1', siteId: 'leipzig', indicators: [], file: 'user/ext-1/values.csv', bytes: new TextEncoder().encode('area_id,year,x\n00,2022,1\n') } as unknown as TableExtension;

const points = {
  layer: { id: 'upts-1', site: 'leipzig', file: 'user/upts-1/points.geojson', categories: [] },
  fileName: 'beratung.csv',
  bytes: new TextEncoder().encode('{"type":"FeatureCollection","features":[]}'),
  created: '2026-11-21',
} as unknown as UserPointLayer;

describe('project file', () => {
  it('round-trips sites, tables, point layers and the view, bytes unchanged', () => {
    const text = writeProject({ sites: [site], extensions: [ext], pointLayers: [points], view: '?site=user-a&ind=x' });
    const back = readProject(text, 'projekt.json');
    expect(back.view).toBe('?site=user-a&ind=x');
    expect(back.sites[0]!.files['user/user-a/bin']).toEqual(new Uint8Array([0, 255, 128, 7]));
    expect(new TextDecoder().decode(back.sites[0]!.files['user/user-a/areas.csv'])).toBe('id,name\n1,Lößnig\n');
    expect(new TextDecoder().decode(back.extensions[0]!.bytes)).toContain('00,2022,1');
    expect(back.pointLayers[0]!.layer.id).toBe('upts-1');
    expect(new TextDecoder().decode(back.pointLayers[0]!.bytes)).toContain('FeatureCollection');
  });

  it('reads a file written before point layers existed', () => {
    const old = JSON.parse(writeProject({ sites: [site], extensions: [], pointLayers: [], view: '' })) as Record<string, unknown>;
    delete old.pointLayers;
    expect(readProject(JSON.stringify(old), 'alt.json').pointLayers).toEqual([]);
  });

  it('names the file when it is not a project', () => {
    expect(() => readProject('{"type":"FeatureCollection"}', 'grenzen.json')).toThrow(/grenzen\.json: not a Quartiersatlas project file/);
    expect(() => readProject('{', 'kaputt.json')).toThrow(/kaputt\.json: not valid JSON/);
  });
});

describe('project file: programme areas', () => {
  const union = {
    id: 'pa-zentrum', site: 'leipzig', name: 'Zentrum (ESF Plus)', programme: 'esf-plus', startYear: 2022, color: '#e69f00', members: ['00', '01', '02'],
  } as const;
  const drawn = {
    id: 'pa-gezeichnet', site: 'leipzig', name: 'Gezeichnet', programme: 'thinka', startYear: null, color: '#56b4e9', members: ['00', '01'],
    weights: { '00': 0.25, '01': 1 },
    geometry: { type: 'Polygon', coordinates: [[[12.37, 51.33], [12.39, 51.33], [12.39, 51.35], [12.37, 51.33]]] },
  } as const;

  it('round-trips unions and drawn areas (polygon and weights) unchanged', () => {
    const text = writeProject({ sites: [], extensions: [], pointLayers: [], programmeAreas: [union, drawn] as never, view: '?site=leipzig&level=programmgebiet' });
    const back = readProject(text, 'projekt.json');
    expect(back.programmeAreas).toEqual([union, drawn]);
  });

  it('a file without programme areas (written before they existed) reads as none', () => {
    const old = JSON.parse(writeProject({ sites: [site], extensions: [], pointLayers: [], view: '' })) as Record<string, unknown>;
    delete old.programmeAreas;
    expect(readProject(JSON.stringify(old), 'alt.json').programmeAreas).toEqual([]);
  });

  it('refuses damaged programme areas, naming which and why', () => {
    const write = (areas: unknown[]) => writeProject({ sites: [], extensions: [], pointLayers: [], programmeAreas: areas as never, view: '' });
    expect(() => readProject(write([{ ...union, site: 'nirgendwo' }]), 'p.json')).toThrow(/programme area 1 is for the site "nirgendwo"/);
    expect(() => readProject(write([union, union]), 'p.json')).toThrow(/programme area 2: the id "pa-zentrum" occurs twice/);
    expect(() => readProject(write([{ ...union, members: [] }]), 'p.json')).toThrow(/programme area 1: .*no members/);
    expect(() => readProject(write([{ ...drawn, weights: { '00': 1.5 } }]), 'p.json')).toThrow(/weight outside/);
    expect(() => readProject(write([{ ...union, programme: 'x' }]), 'p.json')).toThrow(/unknown programme/);
    const text = JSON.parse(write([])) as Record<string, unknown>;
    text.programmeAreas = 'nope';
    expect(() => readProject(JSON.stringify(text), 'p.json')).toThrow(/not a list/);
  });
});
