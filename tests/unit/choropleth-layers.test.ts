// The choropleth's layers (src/lib/map/layers.ts) of a tiled level read two sources of the same tiles: the
// outline its own, so that a recolour (feature-state color, which carries the brush's dimming) never touches
// the outline's vertices and a selection or hover (selected/hover/marked) never the fill's. That holds only while every state key a layer
// reads belongs to its source's side: checked here on the real catalog's tiled levels and a GeoJSON level.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LayerSpecification } from 'maplibre-gl';
import { choroplethLayers, OUTLINE_STATES, outlineSourceId, sourceId } from '../../src/lib/map/layers';
import type { Catalog } from '../../src/lib/data/catalog-types';

const catalog = JSON.parse(readFileSync(new URL('../../data/catalog.json', import.meta.url), 'utf8')) as Catalog;

/** Every key read with ['feature-state', key] anywhere in a layer's paint and layout. */
function stateKeys(layer: LayerSpecification): Set<string> {
  const keys = new Set<string>();
  const walk = (x: unknown): void => {
    if (!Array.isArray(x)) {
      if (x && typeof x === 'object') Object.values(x).forEach(walk);
      return;
    }
    if (x[0] === 'feature-state' && typeof x[1] === 'string') keys.add(x[1]);
    x.forEach(walk);
  };
  walk('paint' in layer ? layer.paint : undefined);
  walk('layout' in layer ? layer.layout : undefined);
  return keys;
}

const sourceOf = (layer: LayerSpecification) => ('source' in layer ? layer.source : undefined);
const tiled = catalog.sites.flatMap((site) => site.levels.filter((l) => l.tiles).map((level) => ({ site, level })));

describe('choropleth layers of a tiled level', () => {
  it('the catalog has tiled levels to check', () => {
    expect(tiled.map(({ site, level }) => `${site.id}/${level.id}`)).toContain('gemeinden/gemeinde');
  });

  for (const { site, level } of tiled) {
    for (const overBasemap of [false, true]) {
      it(`${site.id}/${level.id}${overBasemap ? ' over the basemap' : ''}: the outline reads its own source and only the outline's state keys`, () => {
        const source = sourceId(site.id, level.id);
        const layers = choroplethLayers(source, level.count, overBasemap, level.tiles!.layer, outlineSourceId(source));
        const outline = layers.find((l) => l.id === `${source}:outline`)!;
        const rest = layers.filter((l) => l !== outline);
        expect(sourceOf(outline)).toBe(outlineSourceId(source));
        expect(outlineSourceId(source)).not.toBe(source);
        expect(rest.map((l) => l.id)).toEqual([`${source}:fill`, `${source}:missing`]);
        for (const l of rest) expect(sourceOf(l)).toBe(source);
        for (const l of layers) expect('source-layer' in l ? l['source-layer'] : undefined).toBe(level.tiles!.layer);
        const outlineKeys = stateKeys(outline);
        expect([...outlineKeys].sort()).toEqual([...OUTLINE_STATES].sort());
        const fillKeys = new Set(rest.flatMap((l) => [...stateKeys(l)]));
        expect([...fillKeys].sort()).toEqual(['color']);
        for (const key of fillKeys) expect(OUTLINE_STATES.has(key)).toBe(false);
      });
    }
  }

  it('a GeoJSON level keeps one source for all three layers', () => {
    const site = catalog.sites.find((s) => s.id === 'leipzig')!;
    const level = site.levels.find((l) => !l.tiles)!;
    const source = sourceId(site.id, level.id);
    const layers = choroplethLayers(source, level.count);
    expect(layers.map(sourceOf)).toEqual([source, source, source]);
    expect(layers.every((l) => !('source-layer' in l))).toBe(true);
  });
});
