// Point layers (social infrastructure such as Kitas), written by
// scripts/prepare-points.mjs: which layers a site has, their categories and source.
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

export const pointLayers = layersJson as unknown as PointLayerInfo[];

export function pointLayersFor(siteId: string): PointLayerInfo[] {
  return pointLayers.filter((l) => l.site === siteId);
}
