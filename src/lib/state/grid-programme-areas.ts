// A grid site's programme areas into DuckDB (loaded on first use): each polygon's
// cells with the share of each inside (analysis/grid-cell-weights.ts), then the
// rows (db/grid-programme.ts) from which their figures are computed.
import type { Site } from '../data/catalog-types';
import type { ProgrammeArea } from '../data/programme-areas';
import { labelPoint } from '../data/programme-areas-geometry';
import { gridCellCover, toLaea, type CellCover } from '../analysis/grid-cell-weights';
import type { Engine } from '../db/engine';
import { setGridProgrammeAreas } from '../db/grid-programme';

/** Edge of the bundled grid's cells in metres (the Zensus 1 km grid). */
const CELL_SIZE = 1000;

export async function writeGridProgrammeAreas(engine: Engine, site: Site, areas: readonly ProgrammeArea[]): Promise<void> {
  const covers = new Map<string, CellCover>();
  const labels = new Map<string, [number, number]>();
  for (const a of areas) {
    if (!a.geometry) continue;
    covers.set(a.id, gridCellCover(toLaea(a.geometry), CELL_SIZE));
    labels.set(a.id, labelPoint(a.geometry));
  }
  await setGridProgrammeAreas(engine, site, areas, covers, labels);
}
