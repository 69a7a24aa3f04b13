// The site registry is the one owner of the sites: imports are added and removed
// there, the bundled catalog never changes.
import { describe, expect, it } from 'vitest';
import { bundledCatalog, findBundledSite } from '../../src/lib/data/catalog';
import { SiteRegistry } from '../../src/lib/data/site-registry.svelte';
import { isUserPath, userFileBytes } from '../../src/lib/data/user-files';
import type { Indicator, Site } from '../../src/lib/data/catalog-types';
import type { TableExtension, UserPointLayer } from '../../src/lib/data/user-data';

const leipzig = findBundledSite('leipzig');
const source = { attribution: 'Eigene Daten' } as TableExtension['source'];

function userSite(id: string): Site {
  return { ...leipzig, id, label: { de: 'Meine Stadt', en: 'My town' }, geometrySource: `${id}-source`, extraValues: [] };
}

describe('SiteRegistry', () => {
  it('adds, renames and removes an imported site; the bundled catalog stays as it is', () => {
    const registry = new SiteRegistry();
    const before = bundledCatalog.sites.length;
    registry.addSite({ site: userSite('user-x'), source, files: { 'user/user-x/areas.csv': new Uint8Array([1, 2]) }, created: '2026-12-06' });
    expect(registry.sites.map((s) => s.id)).toContain('user-x');
    expect(registry.source('user-x-source')).toBe(source);
    expect(isUserPath('user/user-x/areas.csv')).toBe(true);
    expect([...userFileBytes('user/user-x/areas.csv')]).toEqual([1, 2]);
    const old = registry.site('user-x');
    const renamed = registry.renameSite('user-x', 'Umbenannt');
    expect(renamed?.label.de).toBe('Umbenannt');
    expect(registry.site('user-x')).not.toBe(old); // replaced, not mutated
    expect(old.label.de).toBe('Meine Stadt');
    registry.removeSite('user-x');
    expect(registry.find('user-x')).toBeUndefined();
    expect(() => userFileBytes('user/user-x/areas.csv')).toThrow(/not loaded/);
    expect(bundledCatalog.sites.length).toBe(before);
    expect(bundledCatalog.sites.some((s) => s.id === 'user-x')).toBe(false);
  });

  it("a table's indicators join its site as a new site object and leave it again", () => {
    const registry = new SiteRegistry();
    const ind = { ...leipzig.indicators[0]!, id: 'ext_neu' } as Indicator;
    const ext: TableExtension = {
      id: 'ext-1', siteId: 'leipzig', fileName: 't.csv', indicators: [ind], file: 'user/ext-1/values.csv',
      bytes: new Uint8Array([9]), sourceKey: 'ext-1-source', source, created: '2026-12-06',
    };
    expect(registry.addExtension({ ...ext, siteId: 'nowhere' })).toBe(false);
    const before = registry.site('leipzig');
    expect(registry.addExtension(ext)).toBe(true);
    const after = registry.site('leipzig');
    expect(after).not.toBe(before);
    expect(after.indicators.map((i) => i.id)).toContain('ext_neu');
    expect(after.extraValues).toEqual([{ file: 'user/ext-1/values.csv', indicators: ['ext_neu'] }]);
    expect(findBundledSite('leipzig').indicators.some((i) => i.id === 'ext_neu')).toBe(false);
    registry.removeExtension(ext);
    expect(registry.site('leipzig').indicators.some((i) => i.id === 'ext_neu')).toBe(false);
  });

  it('point layers: a category colour that is not #rrggbb becomes grey', () => {
    const registry = new SiteRegistry();
    const entry = {
      layer: { id: 'upts-1', site: 'leipzig', file: 'user/upts-1/points.geojson', label: { de: 'P', en: 'P' }, count: 1, year: 2024,
        categories: [{ id: 'a', label: { de: 'A', en: 'A' }, color: 'url(https://example.org/x)' }], source, notes: { de: '', en: '' } },
      fileName: 'p.geojson', bytes: new Uint8Array(), created: '2026-12-06',
    } as UserPointLayer;
    registry.addPointLayer(entry);
    expect(registry.pointLayer('upts-1')?.categories[0]?.color).toBe('#666666');
    registry.removePointLayer('upts-1');
    expect(registry.pointLayer('upts-1')).toBeUndefined();
  });
});
