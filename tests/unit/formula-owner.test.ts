// The owner of formula indicators on the real catalog: adding (checked, canonical formula, kept),
// refusing what does not fit, adopting a list (project file, link) with the reasons of those
// refused, deleting, and the start-up path without DuckDB. Rows in DuckDB: formula-indicators.test.ts;
// the browser's storage end to end: tests/e2e/formula.spec.ts.
import { describe, expect, it } from 'vitest';
import { SiteRegistry } from '../../src/lib/data/site-registry.svelte';
import type { FormulaIndicator } from '../../src/lib/data/formula-indicators';
import { FormulaIndicators, registerFormulaIndicators, type FormulaStorage } from '../../src/lib/state/formula-indicators.svelte';

function memoryStorage(): FormulaStorage & { kept: Map<string, FormulaIndicator> } {
  const kept = new Map<string, FormulaIndicator>();
  return {
    kept,
    save: async (list) => void list.forEach((f) => kept.set(f.id, structuredClone(f))),
    remove: async (id) => void kept.delete(id),
  };
}

const input = { site: 'leipzig', name: 'Ausländer je 1.000', formula: 'auslaender:einwohner·1000', unit: 'per1000' as const, direction: 'neutral' as const };

describe('FormulaIndicators (owner)', () => {
  it('adds a formula indicator to its site with the canonical formula, its years and source, and keeps it', async () => {
    const registry = new SiteRegistry();
    const storage = memoryStorage();
    const owner = new FormulaIndicators(registry, null, null, storage);
    const record = await owner.add(input);
    expect(record.id).toMatch(/^f-[a-z0-9]{8}$/);
    expect(record.formula).toBe('auslaender / einwohner * 1000');
    const ind = registry.site('leipzig').indicators.find((i) => i.id === record.id)!;
    expect(ind.label.de).toBe('Ausländer je 1.000');
    expect(ind.agg).toEqual({ type: 'ratio', num: 'auslaender', den: 'einwohner', scale: 1000 });
    expect(ind.years).toEqual(registry.site('leipzig').indicators.find((i) => i.id === 'auslaender')!.years);
    expect(registry.source(ind.source)?.attribution).toMatch(/^Eigene Berechnung: auslaender \/ einwohner \* 1000 · /);
    expect(storage.kept.get(record.id)).toEqual(record);
    expect(owner.of('leipzig')).toEqual([record]);
    expect(owner.of('kreise')).toEqual([]);
    // The calculator offers the site's own indicators, not the formula indicator.
    expect(owner.inputs('leipzig').map((i) => i.id)).toContain('auslaender');
    expect(owner.inputs('leipzig').map((i) => i.id)).not.toContain(record.id);
    expect(owner.inputs('zensus-grid')).toEqual([]);

    await owner.remove(record.id);
    expect(registry.site('leipzig').indicators.some((i) => i.id === record.id)).toBe(false);
    expect(storage.kept.size).toBe(0);
  });

  it('refuses a formula that does not fit its site, a damaged record and an unknown site; nothing is added', async () => {
    const registry = new SiteRegistry();
    const storage = memoryStorage();
    const owner = new FormulaIndicators(registry, null, null, storage);
    const before = registry.site('leipzig').indicators.length;
    await expect(owner.add({ ...input, formula: 'auslaender / einwohnr' })).rejects.toThrow(/Unknown indicator "einwohnr" \(did you mean "einwohner"\?\)/);
    await expect(owner.add({ ...input, formula: 'einwohner + auslaenderanteil' })).rejects.toThrow(/Cannot add/);
    await expect(owner.add({ ...input, name: ' ' })).rejects.toThrow(/no usable name/);
    await expect(owner.add({ ...input, site: 'atlantis' })).rejects.toThrow(/Unknown site/);
    await expect(owner.add({ ...input, site: 'zensus-grid', formula: 'einwohner * 2' })).rejects.toThrow(/grid sites/);
    expect(registry.site('leipzig').indicators).toHaveLength(before);
    expect(storage.kept.size).toBe(0);
  });

  it('a list from a project file or a link: those that fit are added and kept, the others named', async () => {
    const registry = new SiteRegistry();
    const storage = memoryStorage();
    const owner = new FormulaIndicators(registry, null, null, storage);
    const good: FormulaIndicator = { ...input, id: 'f-good' };
    const onKreise: FormulaIndicator = { ...input, id: 'f-dichte', site: 'kreise', formula: 'einwohner / flaeche_km2', unit: 'perkm2' };
    const bad: FormulaIndicator = { ...input, id: 'f-bad', formula: 'kitas / einwohner' };
    const failed = await owner.addMany([good, bad, onKreise]);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatch(/f-bad: Unknown indicator "kitas"/);
    expect([...storage.kept.keys()].sort()).toEqual(['f-dichte', 'f-good']);
    expect(owner.find('f-dichte')?.site).toBe('kreise');
    expect(registry.site('kreise').indicators.find((i) => i.id === 'f-dichte')?.agg).toEqual({ type: 'ratio', num: 'einwohner', den: 'flaeche_km2', scale: 1 });
    // Again (a project file read twice): replaced, not doubled.
    await owner.addMany([good]);
    expect(registry.site('leipzig').indicators.filter((i) => i.id === 'f-good')).toHaveLength(1);
  });

  it('formula indicators computed from a deleted table go with it; the others stay', async () => {
    const registry = new SiteRegistry();
    const storage = memoryStorage();
    const owner = new FormulaIndicators(registry, null, null, storage);
    await owner.addMany([
      { ...input, id: 'f-one' },
      { ...input, id: 'f-two', formula: 'arbeitslose_sgb2 / arbeitslose * 100', unit: 'percent' },
    ]);
    await owner.removeUsing('leipzig', ['arbeitslose_sgb2', 'gone_too']);
    expect(owner.of('leipzig').map((f) => f.id)).toEqual(['f-one']);
    expect([...storage.kept.keys()]).toEqual(['f-one']);
    await owner.removeUsing('leipzig', null);
    expect(owner.of('leipzig')).toEqual([]);
  });

  it('the start-up path registers formula indicators without DuckDB and names those that do not fit', () => {
    const registry = new SiteRegistry();
    const failed = registerFormulaIndicators(registry, [
      { ...input, id: 'f-a' },
      { ...input, id: 'f-b', formula: '(' },
      { ...input, id: 'f-c', site: 'atlantis' },
    ]);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatch(/^formula indicator f-b: /);
    expect(registry.site('leipzig').indicators.filter((i) => i.formula !== undefined).map((i) => i.id)).toEqual(['f-a']);
  });
});
