// Point layers (social infrastructure such as Kitas): the bundled ones, written
// by scripts/prepare-points.mjs: which layers a site has, their categories and
// source. Imported layers join them in the site registry.
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

/** The bundled point layers (imported ones are added to the site registry). */
export const bundledPointLayers: readonly PointLayerInfo[] = layersJson as unknown as PointLayerInfo[];
