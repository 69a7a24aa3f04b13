// The Zensus 2011 1 km grid (scripts/prepare-grid.mjs writes its data). One
// level of cells, one reference date; cells are not aggregated.
const GRID_NO_AGG = {
  type: 'none',
  reason: {
    de: 'Gitterzellen haben keine übergeordnete Ebene in dieser Ansicht.',
    en: 'Grid cells have no higher level in this view.',
  },
};
const gridIndicator = (id, column, unit, decimals, direction, label, definition) => ({
  id,
  column,
  label,
  unit,
  decimals,
  definition,
  source: 'zensus2011',
  direction,
  years: [2011],
  agg: GRID_NO_AGG,
  notes: {
    de: 'Zensus 2011, nicht 2022. Zellen mit weniger als 3 Einwohnern fehlen; Merkmale kleiner Zellen sind geheim gehalten (keine Angabe).',
    en: 'Census 2011, not 2022. Cells with fewer than 3 residents are absent; attributes of small cells are suppressed (no data).',
  },
});

export const GRID_SITE = {
  id: 'zensus-grid',
  kind: 'grid',
  label: { de: 'Zensus 2011 – 1-km-Gitter', en: 'Census 2011 – 1 km grid' },
  bounds: [5.8, 47.2, 15.1, 55.1],
  geometrySource: 'zensus2011',
  levels: [{ id: 'zelle', label: { de: '1-km-Gitterzellen', en: '1 km grid cells' }, geometry: 'zensus-grid/cells.arrow', count: 214633 }],
  areas: '',
  values: 'zensus-grid/cells.arrow',
  firstView: '',
  defaults: { level: 'zelle', ind: 'einwohner', year: 2011 },
  indicators: [
    gridIndicator('einwohner', 'einwohner', 'count', 0, 'neutral', { de: 'Einwohner', en: 'Residents' }, {
      de: 'Einwohner der 1-km-Gitterzelle am 09.05.2011 (Zensus 2011).',
      en: 'Residents of the 1 km grid cell on 9 May 2011 (Census 2011).',
    }),
    gridIndicator('auslaenderanteil', 'auslaender_pct', 'percent', 1, 'neutral', { de: 'Ausländeranteil', en: 'Share of foreign nationals' }, {
      de: 'Ausländerinnen und Ausländer in % der Einwohner der Zelle.',
      en: 'Foreign nationals as % of the cell’s residents.',
    }),
    gridIndicator('frauenanteil', 'frauen_pct', 'percent', 1, 'neutral', { de: 'Frauenanteil', en: 'Share of women' }, {
      de: 'Frauen in % der Einwohner der Zelle.',
      en: 'Women as % of the cell’s residents.',
    }),
    gridIndicator('durchschnittsalter', 'alter_mean', 'years', 1, 'neutral', { de: 'Durchschnittsalter', en: 'Mean age' }, {
      de: 'Durchschnittsalter der Einwohner der Zelle in Jahren.',
      en: 'Mean age of the cell’s residents in years.',
    }),
    gridIndicator('anteil_unter18', 'unter18_pct', 'percent', 1, 'neutral', { de: 'Anteil unter 18 Jahre', en: 'Share under 18' }, {
      de: 'Einwohner unter 18 Jahren in % der Einwohner der Zelle.',
      en: 'Residents under 18 as % of the cell’s residents.',
    }),
    gridIndicator('anteil_ab65', 'ab65_pct', 'percent', 1, 'neutral', { de: 'Anteil 65 Jahre und älter', en: 'Share aged 65 and over' }, {
      de: 'Einwohner ab 65 Jahren in % der Einwohner der Zelle.',
      en: 'Residents aged 65 and over as % of the cell’s residents.',
    }),
    gridIndicator('haushaltsgroesse', 'hhgroesse_mean', 'persons', 2, 'neutral', { de: 'Durchschnittliche Haushaltsgröße', en: 'Mean household size' }, {
      de: 'Personen je Haushalt in der Zelle.',
      en: 'Persons per household in the cell.',
    }),
    gridIndicator('leerstandsquote', 'leerstandsquote_pct', 'percent', 1, 'higher-worse', { de: 'Leerstandsquote', en: 'Vacancy rate' }, {
      de: 'Leer stehende Wohnungen in % der Wohnungen der Zelle.',
      en: 'Vacant dwellings as % of the cell’s dwellings.',
    }),
  ],
};
