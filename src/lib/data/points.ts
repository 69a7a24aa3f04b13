// Point layers (social infrastructure such as Kitas): the bundled ones, written
// by scripts/prepare-points.mjs, and the user's imported ones (user-data.ts):
// which layers a site has, their categories and source.
import type { Source, Text } from './catalog-types';
import layersJson from '../../../data/points/layers.json';

export interface PointCategory {
  id: string;
  label: Text;
  color: string;
}

export interface PointLayerInfo {
  id: string;
  site: string;
  /** Path relative to data/. */
  file: string;
  label: Text;
  count: number;
  /** The year the layer describes (for the indicators derived from it). */
  year: number;
  categories: PointCategory[];
  source: Source;
  notes: Text;
}

const bundled = layersJson as unknown as PointLayerInfo[];
const imported: PointLayerInfo[] = [];

/** Every point layer, bundled first. */
export function allPointLayers(): PointLayerInfo[] {
  return [...bundled, ...imported];
}

export function findPointLayer(id: string): PointLayerInfo | undefined {
  return allPointLayers().find((l) => l.id === id);
}

/** Adds or replaces an imported layer (user-data.ts calls this). */
export function putImportedPointLayer(layer: PointLayerInfo): void {
  const i = imported.findIndex((l) => l.id === layer.id);
  if (i >= 0) imported[i] = layer;
  else imported.push(layer);
}

export function dropImportedPointLayer(id: string): void {
  const i = imported.findIndex((l) => l.id === id);
  if (i >= 0) imported.splice(i, 1);
}
