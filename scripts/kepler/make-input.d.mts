// Types for make-input.mjs (imported by tests/unit/kepler-input.test.ts).
import type { FeatureCollection, Polygon, MultiPolygon } from 'geojson';

export const DATA_DIR: string;
export const KEPLER_DATASETS: Record<string, string>;
export interface KeplerInputMeta {
  site: string;
  level: string;
  indicator: string;
  year: number;
  label: string;
  colours: string[];
  areas: number;
  withValue: number;
  probes: [number, number][];
  attribution: string | null;
}
export type KeplerInput = FeatureCollection<Polygon | MultiPolygon, { id: string; name: string; value: number | null }> & {
  quartiersatlas: KeplerInputMeta;
};
/** The kepler.gl input of a bundled site: its first level's GeoJSON with `value` joined on from first-view.json. */
export function keplerInput(siteId: string, dataDir?: string): KeplerInput;
/** Writes `<out>/<name>.geojson` for each dataset; returns the files and their sizes. */
export function writeKeplerInputs(outDir: string, names?: string[], dataDir?: string): { name: string; path: string; bytes: number }[];
