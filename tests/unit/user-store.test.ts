import { describe, expect, it } from 'vitest';
import {
  asBytes,
  checkExtension,
  checkPointLayer,
  checkUserSite,
  isQuotaError,
  recordName,
  sortRecords,
} from '../../src/lib/data/user-store';

// Checking what comes back from IndexedDB, record by record (the storage itself is tried in
// tests/e2e/storage-faults.spec.ts).

const bytes = (text: string) => new TextEncoder().encode(text);
const source = { publisher: { de: 'Eigene Daten', en: 'Own data' }, licence: '', licenceName: '', licenceUrl: '', attribution: 'x', vintage: { de: '2024', en: '2024' } };
const indicator = {
  id: 'einwohner',
  column: 'einwohner',
  label: { de: 'Einwohner', en: 'Residents' },
  unit: 'count',
  decimals: 0,
  definition: { de: '', en: '' },
  source: 'user-a-source',
  direction: 'neutral',
  years: [2022],
  agg: { type: 'sum' },
};

function site(): Record<string, unknown> {
  return {
    site: {
      id: 'user-a',
      kind: 'areas',
      label: { de: 'Südliche Ortsteile', en: 'Südliche Ortsteile' },
      bounds: [12.3, 51.2, 12.4, 51.3],
      geometrySource: 'user-a-source',
      levels: [{ id: 'gebiet', label: { de: 'Gebiete', en: 'Areas' }, geometry: 'user/user-a/areas.geojson', count: 2 }],
      areas: 'user/user-a/areas.csv',
      values: 'user/user-a/values.csv',
      firstView: '',
      defaults: { level: 'gebiet', ind: 'einwohner', year: 2022 },
      indicators: [indicator],
    },
    source,
    files: {
      'user/user-a/areas.geojson': bytes('{"type":"FeatureCollection","features":[]}'),
      'user/user-a/areas.csv': bytes('id,name\n1,A\n'),
      'user/user-a/values.csv': bytes('area_id,year,einwohner\n1,2022,5\n'),
    },
    created: '2024-05-01T10:00:00.000Z',
  };
}

function extension(): Record<string, unknown> {
  return {
    id: 'ext-1',
    siteId: 'leipzig',
    fileName: 'tabelle.csv',
    indicators: [{ ...indicator, id: 'einwohner_' }],
    file: 'user/ext-1/values.csv',
    bytes: bytes('area_id,year,einwohner_\n00,2022,1901\n'),
    sourceKey: 'ext-1-source',
    source,
    created: '2024-05-01T10:00:00.000Z',
  };
}

function pointLayer(): Record<string, unknown> {
  return {
    layer: {
      id: 'upts-1',
      site: 'leipzig',
      file: 'user/upts-1/points.geojson',
      label: { de: 'Spielplätze', en: 'Spielplätze' },
      count: 1,
      year: 2024,
      categories: [],
      source,
      notes: { de: '', en: '' },
    },
    fileName: 'spielplaetze.geojson',
    bytes: bytes('{"type":"FeatureCollection","features":[]}'),
    created: '2024-05-01T10:00:00.000Z',
  };
}

describe('checkUserSite', () => {
  it('accepts a complete record as it is', () => {
    const record = site();
    const checked = checkUserSite(record);
    expect(checked.ok).toBe(true);
    if (checked.ok) {
      expect(checked.value.site).toBe(record.site);
      expect(checked.value.files['user/user-a/areas.csv']).toBeInstanceOf(Uint8Array);
    }
  });

  it('takes file contents stored as ArrayBuffer (or another typed array) as bytes, and fills in a missing date', () => {
    const record = site();
    const files = record.files as Record<string, Uint8Array>;
    record.files = {
      ...files,
      'user/user-a/areas.csv': files['user/user-a/areas.csv']!.slice().buffer,
      'user/user-a/values.csv': new Int8Array(files['user/user-a/values.csv']!.slice().buffer),
    };
    delete record.created;
    const checked = checkUserSite(record);
    expect(checked.ok).toBe(true);
    if (checked.ok) {
      expect(new TextDecoder().decode(checked.value.files['user/user-a/areas.csv'])).toBe('id,name\n1,A\n');
      expect(checked.value.files['user/user-a/values.csv']).toBeInstanceOf(Uint8Array);
      expect(checked.value.created).toBe('');
    }
  });

  it('rejects damaged records, saying why', () => {
    const cases: [string, (r: Record<string, unknown>) => unknown, RegExp][] = [
      ['files as text', (r) => ({ ...r, files: { ...(r.files as object), 'user/user-a/areas.csv': 'id,name' } }), /"user\/user-a\/areas\.csv" is not binary data/],
      ['a file missing', (r) => ({ ...r, files: { 'user/user-a/areas.csv': bytes('x'), 'user/user-a/values.csv': bytes('x') } }), /"user\/user-a\/areas\.geojson" is missing/],
      ['no files', (r) => ({ ...r, files: undefined }), /files are missing/],
      ['no levels', (r) => ({ ...r, site: { ...(r.site as object), levels: [] } }), /no levels/],
      ['broken indicator', (r) => ({ ...r, site: { ...(r.site as object), indicators: [{ id: 'x', label: { de: 'X' } }] } }), /indicator "x"/],
      ['no years', (r) => ({ ...r, site: { ...(r.site as object), indicators: [{ ...indicator, years: [] }] } }), /no years/],
      ['bounds as text', (r) => ({ ...r, site: { ...(r.site as object), bounds: 'Leipzig' } }), /extent/],
      ['not a user site', (r) => ({ ...r, site: { ...(r.site as object), id: 'leipzig' } }), /no id/],
      ['no source', (r) => ({ ...r, source: null }), /source/],
    ];
    for (const [name, damage, reason] of cases) {
      const checked = checkUserSite(damage(site()));
      expect(checked.ok, name).toBe(false);
      if (!checked.ok) expect(checked.reason, name).toMatch(reason);
    }
    for (const garbage of [null, undefined, 42, 'text', [], {}, { site: null }]) expect(checkUserSite(garbage).ok).toBe(false);
  });
});

describe('checkExtension and checkPointLayer', () => {
  it('accept complete records', () => {
    expect(checkExtension(extension()).ok).toBe(true);
    expect(checkPointLayer(pointLayer()).ok).toBe(true);
  });

  it('reject records without bytes or description', () => {
    expect(checkExtension({ ...extension(), bytes: 'area_id,year' })).toEqual({ ok: false, reason: 'the values are not binary data' });
    expect(checkExtension({ ...extension(), indicators: [] }).ok).toBe(false);
    expect(checkExtension({ ...extension(), siteId: undefined }).ok).toBe(false);
    expect(checkPointLayer({ ...pointLayer(), bytes: null })).toEqual({ ok: false, reason: 'the points are not binary data' });
    expect(checkPointLayer({ layer: { id: 'upts-x' } }).ok).toBe(false);
  });

  it('fill in what older records lack (notes, file name, date)', () => {
    const layer = pointLayer();
    delete (layer.layer as Record<string, unknown>).notes;
    delete layer.fileName;
    delete layer.created;
    const checked = checkPointLayer(layer);
    expect(checked.ok).toBe(true);
    if (checked.ok) {
      expect(checked.value.layer.notes).toEqual({ de: '', en: '' });
      expect(checked.value.fileName).toBe('user/upts-1/points.geojson');
      expect(checked.value.created).toBe('');
    }
  });
});

describe('sortRecords', () => {
  it('keeps the good records and names the bad ones by label, file name or key', () => {
    const broken = site();
    broken.files = 'kaputt';
    const entries = [
      { key: 'user-a', value: site() },
      { key: 'user-b', value: broken },
      { key: 'user-c', value: { site: { id: 'user-c' } } },
      { key: 'user-d', value: 17 },
    ];
    const { ok, unreadable } = sortRecords('user-sites', entries, checkUserSite);
    expect(ok.map((s) => s.site.id)).toEqual(['user-a']);
    expect(unreadable.map((r) => [r.key, r.name])).toEqual([
      ['user-b', 'Südliche Ortsteile'],
      ['user-c', 'user-c'],
      ['user-d', 'user-d'],
    ]);
    expect(unreadable.every((r) => r.store === 'user-sites' && r.reason !== '')).toBe(true);
  });

  it('turns a check that throws into an unreadable record', () => {
    const { ok, unreadable } = sortRecords('table-extensions', [{ key: 'ext-1', value: extension() }], () => {
      throw new Error('boom');
    });
    expect(ok).toEqual([]);
    expect(unreadable).toEqual([{ store: 'table-extensions', key: 'ext-1', name: 'tabelle.csv', reason: 'boom' }]);
  });

  it('recordName reads the label of sites and layers and the file name of tables', () => {
    expect(recordName(site())).toBe('Südliche Ortsteile');
    expect(recordName(extension())).toBe('tabelle.csv');
    expect(recordName(pointLayer())).toBe('Spielplätze');
    expect(recordName({ layer: {}, fileName: 'punkte.csv' })).toBe('punkte.csv');
    expect(recordName('x')).toBeNull();
  });
});

describe('asBytes and isQuotaError', () => {
  it('asBytes: bytes from binary data only', () => {
    const u = new Uint8Array([1, 2, 3]);
    expect(asBytes(u)).toBe(u);
    expect([...asBytes(u.buffer)!]).toEqual([1, 2, 3]);
    expect([...asBytes(new DataView(u.buffer, 1))!]).toEqual([2, 3]);
    for (const x of ['abc', [1, 2], null, undefined, { 0: 1 }]) expect(asBytes(x)).toBeNull();
  });

  it('isQuotaError: the name or the legacy codes', () => {
    expect(isQuotaError({ name: 'QuotaExceededError' })).toBe(true);
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
    expect(isQuotaError({ code: 22 })).toBe(true);
    expect(isQuotaError(new Error('QuotaExceededError'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});
