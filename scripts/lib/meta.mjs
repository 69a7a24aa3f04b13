// Static metadata for scripts/prepare-data.mjs: sources, levels, indicator texts.
// Everything data-dependent (years, counts, bounds) is filled in by the main script.

export const LICENCE = {
  licence: 'dl-de/by-2-0',
  licenceName: 'Datenlizenz Deutschland – Namensnennung – Version 2.0',
  licenceUrl: 'https://www.govdata.de/dl-de/by-2-0',
};

/** catalog.sources (keys sorted when written). */
export const SOURCES = {
  'leipzig-stat': {
    publisher: {
      de: 'Stadt Leipzig, Amt für Statistik und Wahlen',
      en: 'City of Leipzig, Office for Statistics and Elections',
    },
    ...LICENCE,
    // Exact text from /work/shared/data/leipzig-ortsteile/SOURCE.md ("Required attribution text").
    attribution:
      'Datenquelle: Stadt Leipzig, Amt für Statistik und Wahlen; Datenlizenz Deutschland – Namensnennung – Version 2.0 (https://www.govdata.de/dl-de/by-2-0); Daten verändert (zusammengeführt, umgeformt).',
    vintage: {
      de: 'Jahreswerte 2000–2023 (Stichtag 31.12.), Export der städtischen Open-Data-API, Stand Juni 2024',
      en: 'Annual values 2000–2023 (as of 31 Dec), export of the city open-data API, state of June 2024',
    },
    url: 'https://opendata.leipzig.de',
  },
  'leipzig-geo': {
    publisher: {
      de: 'Stadt Leipzig (kommunale Gebietsgliederung: Ortsteile/Stadtbezirke)',
      en: 'City of Leipzig (municipal subdivision: Ortsteile/Stadtbezirke)',
    },
    ...LICENCE,
    // SOURCE.md gives one attribution text for the whole Leipzig folder; the boundary variant below
    // follows the same pattern but names the boundary data (see SOURCES.md).
    attribution:
      'Geodaten: Stadt Leipzig (Ortsteile, Stadtbezirke); Datenlizenz Deutschland – Namensnennung – Version 2.0 (https://www.govdata.de/dl-de/by-2-0); Daten verändert (Koordinaten korrigiert und gerundet, Stadtbezirke und Stadtgebiet zusammengefasst).',
    vintage: {
      de: 'aktuelle Ortsteilgrenzen (Stand der Datei nicht dokumentiert, spätestens Januar 2023)',
      en: 'current Ortsteil boundaries (file date not documented, January 2023 at the latest)',
    },
    url: 'https://opendata.leipzig.de',
  },
  'bkg-vg5000': {
    publisher: {
      de: 'Bundesamt für Kartographie und Geodäsie (BKG)',
      en: 'Federal Agency for Cartography and Geodesy (BKG)',
    },
    ...LICENCE,
    attribution: '© GeoBasis-DE / BKG 2021 (Daten verändert)',
    vintage: { de: 'VG5000, Stand 01.01.2021', en: 'VG5000, as of 1 Jan 2021' },
    url: 'https://www.bkg.bund.de',
  },
  inkar: {
    publisher: {
      de: 'Bundesinstitut für Bau-, Stadt- und Raumforschung (BBSR), INKAR; aufbereitet durch GERDA',
      en: 'Federal Institute for Research on Building, Urban Affairs and Spatial Development (BBSR), INKAR; prepared by GERDA',
    },
    ...LICENCE,
    attribution: 'Datenquelle: INKAR, BBSR Bonn; dl-de/by-2-0; aufbereitet durch GERDA (Heddesheimer et al. 2025)',
    vintage: {
      de: '1995–2022, Kreisgrenzen Stand 31.12.2021 (GERDA-Paket)',
      en: '1995–2022, district boundaries as of 31 Dec 2021 (GERDA package)',
    },
    url: 'https://www.inkar.de',
  },
  destatis: {
    publisher: {
      de: 'Statistisches Bundesamt (Destatis); aufbereitet durch GERDA',
      en: 'Federal Statistical Office (Destatis); prepared by GERDA',
    },
    ...LICENCE,
    attribution: 'Statistisches Bundesamt (Destatis); aufbereitet durch GERDA',
    vintage: {
      de: '1990–2021, auf Kreisgrenzen 2021 umgerechnet (GERDA-Paket)',
      en: '1990–2021, converted to 2021 district boundaries (GERDA package)',
    },
    url: 'https://www.destatis.de',
  },
  zensus2022: {
    publisher: {
      de: 'Statistische Ämter des Bundes und der Länder (Zensus 2022); aufbereitet durch GERDA',
      en: 'Federal and State Statistical Offices (Census 2022); prepared by GERDA',
    },
    ...LICENCE,
    // Exact text from /work/shared/data/germany-kreise-gemeinden/SOURCE.md.
    attribution: 'Zensus 2022, © Statistische Ämter des Bundes und der Länder, dl-de/by-2-0; aufbereitet durch GERDA',
    vintage: { de: 'Zensus 2022, Stichtag 15.05.2022', en: 'Census 2022, reference date 15 May 2022' },
    url: 'https://www.zensus2022.de',
  },
  zensus2011: {
    publisher: {
      de: 'Statistische Ämter des Bundes und der Länder (Zensus 2011)',
      en: 'Federal and State Statistical Offices (Census 2011)',
    },
    ...LICENCE,
    // Exact text from /work/shared/data/zensus2011-grid-1km/SOURCE.md.
    attribution:
      'Zensus 2011, © Statistische Ämter des Bundes und der Länder, Datenlizenz Deutschland – Namensnennung – Version 2.0; Daten verändert (zusammengeführt, gefiltert).',
    vintage: { de: 'Zensus 2011, Stichtag 09.05.2011', en: 'Census 2011, reference date 9 May 2011' },
    url: 'https://www.zensus2022.de/DE/Aktuelles/Zensus2011.html',
  },
};

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

export const LEIPZIG_BEZIRKE = {
  0: 'Mitte',
  1: 'Nordost',
  2: 'Ost',
  3: 'Südost',
  4: 'Süd',
  5: 'Südwest',
  6: 'West',
  7: 'Alt-West',
  8: 'Nordwest',
  9: 'Nord',
};

export const LAENDER = {
  '01': 'Schleswig-Holstein',
  '02': 'Hamburg',
  '03': 'Niedersachsen',
  '04': 'Bremen',
  '05': 'Nordrhein-Westfalen',
  '06': 'Hessen',
  '07': 'Rheinland-Pfalz',
  '08': 'Baden-Württemberg',
  '09': 'Bayern',
  10: 'Saarland',
  11: 'Berlin',
  12: 'Brandenburg',
  13: 'Mecklenburg-Vorpommern',
  14: 'Sachsen',
  15: 'Sachsen-Anhalt',
  16: 'Thüringen',
};

const boundaryNote = (year, extra) => ({
  de: `Ortsteilgrenzen ${year} geändert; ältere Werte wurden von der Stadt nicht auf die neuen Grenzen umgerechnet${extra ? ` (${extra.de})` : ''}.`,
  en: `Ortsteil boundaries changed in ${year}; the city did not recalculate older values to the new boundaries${extra ? ` (${extra.en})` : ''}.`,
});

/** Boundary-change notes for every Leipzig indicator. */
export const LEIPZIG_YEAR_NOTES = {
  2006: boundaryNote(2006),
  2012: boundaryNote(2012),
  2014: boundaryNote(2014, {
    de: 'z. B. wechselten 2013/2014 rund 300 Einwohner von Heiterblick nach Engelsdorf',
    en: 'e.g. about 300 residents moved from Heiterblick to Engelsdorf in 2013/2014',
  }),
};

const sumAgg = { type: 'sum' };
const ratio = (num, den, scale) => ({ type: 'ratio', num, den, scale });
const none = (de, en) => ({ type: 'none', reason: { de, en } });


/** Leipzig indicators (order = display order). `years` and `yearNotes` are added by the script. */
export const LEIPZIG_INDICATORS = [
  {
    id: 'einwohner',
    column: 'einwohner',
    label: { de: 'Einwohner', en: 'Residents' },
    unit: 'count',
    decimals: 0,
    definition: {
      de: 'Einwohner mit Hauptwohnsitz in Leipzig am 31.12. (Melderegister der Stadt Leipzig).',
      en: 'Residents with main residence in Leipzig on 31 December (municipal population register).',
    },
    source: 'leipzig-stat',
    direction: 'neutral',
    agg: sumAgg,
    notes: {
      de: 'Die Summe der Ortsteile weicht in einzelnen Jahren leicht von der amtlichen Gesamtzahl der Stadt ab (z. B. 2000: 479.417 gegenüber 479.996).',
      en: 'The sum of the Ortsteile differs slightly from the official city total in some years (e.g. 2000: 479,417 vs 479,996).',
    },
  },
  {
    id: 'auslaender',
    column: 'auslaender',
    label: { de: 'Ausländer', en: 'Foreign nationals' },
    unit: 'count',
    decimals: 0,
    definition: {
      de: 'Einwohner (Hauptwohnsitz) ohne deutsche Staatsangehörigkeit am 31.12.',
      en: 'Residents (main residence) without German citizenship on 31 December.',
    },
    source: 'leipzig-stat',
    direction: 'neutral',
    agg: sumAgg,
  },
  {
    id: 'auslaenderanteil',
    column: 'auslaenderanteil',
    label: { de: 'Ausländeranteil', en: 'Share of foreign nationals' },
    unit: 'percent',
    decimals: 1,
    definition: {
      de: 'Ausländer in % aller Einwohner (Hauptwohnsitz); hier aus den Anzahlen berechnet (Ausländer / Einwohner · 100).',
      en: 'Foreign nationals as % of all residents (main residence); computed here from the counts (foreign / residents · 100).',
    },
    source: 'leipzig-stat',
    direction: 'neutral',
    agg: ratio('auslaender', 'einwohner', 100),
  },
  {
    id: 'migranten',
    column: 'migranten',
    label: { de: 'Einwohner mit Migrationshintergrund', en: 'Residents with a migration background' },
    short: { de: 'Migrationshintergrund', en: 'Migration background' },
    unit: 'count',
    decimals: 0,
    definition: {
      de: 'Einwohner mit Migrationshintergrund: Ausländer und Deutsche mit Migrationshintergrund (Definition der Stadt Leipzig), ab 2008.',
      en: 'Residents with a migration background: foreign nationals plus Germans with a migration background (City of Leipzig definition), from 2008.',
    },
    source: 'leipzig-stat',
    direction: 'neutral',
    agg: sumAgg,
  },
  {
    id: 'migrantenanteil',
    column: 'migrantenanteil',
    label: { de: 'Anteil mit Migrationshintergrund', en: 'Share with a migration background' },
    short: { de: 'Migrantenanteil', en: 'Migration background %' },
    unit: 'percent',
    decimals: 1,
    definition: {
      de: 'Einwohner mit Migrationshintergrund in % aller Einwohner; hier aus den Anzahlen berechnet (die veröffentlichten Anteile sind in der Quelle auf ganze Zahlen abgeschnitten).',
      en: 'Residents with a migration background as % of all residents; computed here from the counts (the published shares are truncated to integers in the source).',
    },
    source: 'leipzig-stat',
    direction: 'neutral',
    agg: ratio('migranten', 'einwohner', 100),
  },
  {
    id: 'arbeitslose',
    column: 'arbeitslose',
    label: { de: 'Arbeitslose', en: 'Unemployed persons' },
    unit: 'count',
    decimals: 0,
    definition: {
      de: 'Bei der Arbeitsagentur bzw. dem Jobcenter registrierte Arbeitslose (SGB III und SGB II) mit Wohnort im Gebiet, Jahreswert der Stadt Leipzig.',
      en: 'Registered unemployed persons (SGB III and SGB II) living in the area, annual value published by the City of Leipzig.',
    },
    source: 'leipzig-stat',
    direction: 'higher-worse',
    agg: sumAgg,
    notes: {
      de: 'Hartmannsdorf-Knautnaundorf: 2000 kein Wert; 2001–2005 auffällig hohe Werte (rund 15 % der Einwohner), ab 2006 deutlich niedriger – Quelle prüfen.',
      en: 'Hartmannsdorf-Knautnaundorf: no value for 2000; 2001–2005 conspicuously high (about 15% of residents), much lower from 2006 – check the source.',
    },
  },
  {
    id: 'arbeitslosenanteil',
    column: 'arbeitslosenanteil',
    label: { de: 'Arbeitslosenanteil an den Erwerbsfähigen', en: 'Unemployed as a share of working-age residents' },
    short: { de: 'Arbeitslosenanteil', en: 'Unemployment share' },
    unit: 'percent',
    decimals: 1,
    definition: {
      de: 'Arbeitslose in % der Einwohner im erwerbsfähigen Alter (laut Stadt Leipzig 15 bis unter 65 Jahre), wie von der Stadt veröffentlicht (bis 2008 mit einer Nachkommastelle).',
      en: 'Unemployed persons as % of working-age residents (aged 15 to under 65 according to the City of Leipzig), as published by the city (one decimal until 2008).',
    },
    source: 'leipzig-stat',
    direction: 'higher-worse',
    agg: ratio('arbeitslose', 'erwerbsfaehige_est', 100),
    notes: {
      de: 'Nicht die Arbeitslosenquote der Bundesagentur für Arbeit (die sich auf Erwerbspersonen bezieht). Für Stadtbezirke und Stadt wird der Nenner (Erwerbsfähige) aus dem veröffentlichten Anteil zurückgerechnet (Arbeitslose · 100 / Anteil); die Summen können daher leicht von den amtlichen Werten abweichen.',
      en: 'Not the Federal Employment Agency unemployment rate (which refers to the labour force). For boroughs and the city the denominator (working-age residents) is reconstructed from the published share (unemployed · 100 / share), so aggregates may differ slightly from the official values.',
    },
  },
  {
    id: 'arbeitslose_sgb2',
    column: 'arbeitslose_sgb2',
    label: { de: 'Arbeitslose nach SGB II', en: 'Unemployed under SGB II' },
    short: { de: 'Arbeitslose SGB II', en: 'Unemployed SGB II' },
    unit: 'count',
    decimals: 0,
    definition: {
      de: 'Arbeitslose im Rechtskreis SGB II (Grundsicherung für Arbeitsuchende, betreut vom Jobcenter), ab 2006.',
      en: 'Unemployed persons under SGB II (basic income support for jobseekers, handled by the Jobcenter), from 2006.',
    },
    source: 'leipzig-stat',
    direction: 'higher-worse',
    agg: sumAgg,
    notes: {
      de: 'In kleinen Ortsteilen 2018–2020 teilweise geheim gehalten (in der Quelle 0, hier fehlend).',
      en: 'Partly suppressed in small Ortsteile in 2018–2020 (0 in the source, missing here).',
    },
  },
  {
    id: 'langzeitarbeitslose',
    column: 'langzeitarbeitslose',
    label: { de: 'Langzeitarbeitslose', en: 'Long-term unemployed' },
    unit: 'count',
    decimals: 0,
    definition: {
      de: 'Arbeitslose, die ein Jahr oder länger arbeitslos sind.',
      en: 'Unemployed persons who have been unemployed for one year or longer.',
    },
    source: 'leipzig-stat',
    direction: 'higher-worse',
    agg: sumAgg,
    notes: {
      de: 'Ab 2018 nicht mehr verfügbar (in der Quelle 0 bzw. leer); für 2011 liegt kein Wert vor.',
      en: 'Not available from 2018 (0 or empty in the source); no values for 2011.',
    },
  },
  {
    id: 'sgb2_bedarfsgemeinschaften',
    column: 'sgb2_bedarfsgemeinschaften',
    label: { de: 'Bedarfsgemeinschaften nach SGB II', en: 'SGB II benefit households' },
    short: { de: 'Bedarfsgemeinschaften', en: 'Benefit households' },
    unit: 'count',
    decimals: 0,
    definition: {
      de: 'Bedarfsgemeinschaften, die Leistungen der Grundsicherung für Arbeitsuchende (SGB II, „Hartz IV“/Bürgergeld) beziehen, ab 2008.',
      en: 'Households (Bedarfsgemeinschaften) receiving basic income support for jobseekers (SGB II), from 2008.',
    },
    source: 'leipzig-stat',
    direction: 'higher-worse',
    agg: sumAgg,
  },
  {
    id: 'sgb2_leistungsberechtigte',
    column: 'sgb2_leistungsberechtigte',
    label: { de: 'Leistungsberechtigte nach SGB II', en: 'Persons entitled to SGB II benefits' },
    short: { de: 'SGB-II-Leistungsberechtigte', en: 'SGB II recipients' },
    unit: 'count',
    decimals: 0,
    definition: {
      de: 'Leistungsberechtigte Personen in Bedarfsgemeinschaften nach SGB II (erwerbsfähige und nicht erwerbsfähige), ab 2008.',
      en: 'Persons entitled to benefits in SGB II households (able and not able to work), from 2008.',
    },
    source: 'leipzig-stat',
    direction: 'higher-worse',
    agg: sumAgg,
  },
  {
    id: 'sgb2_quote',
    column: 'sgb2_quote',
    label: { de: 'SGB-II-Quote', en: 'SGB II rate' },
    unit: 'percent',
    decimals: 0,
    definition: {
      de: 'Anteil der SGB-II-Leistungsberechtigten an der Bevölkerung in % (Bezugsbevölkerung von der Stadt Leipzig festgelegt), ab 2008.',
      en: 'SGB II benefit recipients as % of the population (reference population defined by the City of Leipzig), from 2008.',
    },
    source: 'leipzig-stat',
    direction: 'higher-worse',
    agg: none(
      'Der Nenner der Quote wird nicht veröffentlicht, und die Werte liegen nur ganzzahlig abgeschnitten vor; eine Zusammenfassung zu Stadtbezirken ist daher nicht möglich.',
      'The denominator of the rate is not published and the values are truncated to integers, so they cannot be aggregated to boroughs.',
    ),
    notes: {
      de: 'Werte sind auf ganze Prozent abgeschnitten (nicht gerundet).',
      en: 'Values are truncated (not rounded) to whole percent.',
    },
  },
];

const ZENSUS_NOTE = {
  de: 'Bruch durch den Zensus 2011: ab diesem Jahr beruhen die Bevölkerungszahlen auf dem Zensus 2011 statt auf der Fortschreibung der Volkszählung 1987 (in Westdeutschland) bzw. des Registers 1990 (Ostdeutschland).',
  en: 'Break due to the 2011 census: from this year population figures are based on the 2011 census instead of the update of the 1987 census (West) or the 1990 register (East).',
};
const NO_POP_2022 = {
  de: 'Für 2022 liegt keine Destatis-Bevölkerungszahl vor; Länder- und Bundeswerte können für 2022 nicht berechnet werden.',
  en: 'There is no Destatis population figure for 2022, so state and national values cannot be computed for 2022.',
};

/** Kreise indicators (order = display order). `years` is added by the script. */
export const KREISE_INDICATORS = [
  {
    id: 'einwohner',
    column: 'einwohner',
    label: { de: 'Einwohner', en: 'Population' },
    unit: 'count',
    decimals: 0,
    definition: {
      de: 'Bevölkerung am 31.12. (Bevölkerungsfortschreibung, Statistisches Bundesamt), auf die Kreisgrenzen von 2021 umgerechnet.',
      en: 'Population on 31 December (official population update, Federal Statistical Office), converted to the 2021 district boundaries.',
    },
    source: 'destatis',
    direction: 'neutral',
    agg: sumAgg,
    notes: {
      de: 'Die Quelle liefert Tausend Einwohner mit einer Nachkommastelle; die Werte sind daher auf 100 Einwohner gerundet. Offensichtliche Fehler der Quelle (Berlin 1991, mehrere Thüringer Kreise 2016–2018 und 2020) wurden als fehlend gesetzt.',
      en: 'The source gives thousands of residents with one decimal, so values are rounded to 100 residents. Obvious errors in the source (Berlin 1991, several Thuringian districts 2016–2018 and 2020) were set to missing.',
    },
    yearNotes: { 2012: ZENSUS_NOTE },
  },
  {
    id: 'flaeche_km2',
    column: 'flaeche_km2',
    label: { de: 'Fläche', en: 'Area' },
    unit: 'km2',
    decimals: 0,
    definition: {
      de: 'Katasterfläche des Kreises in km² (Gemeindeverzeichnis, Statistisches Bundesamt).',
      en: 'Cadastral area of the district in km² (municipality register, Federal Statistical Office).',
    },
    source: 'destatis',
    direction: 'neutral',
    agg: sumAgg,
    notes: {
      de: 'Die Fläche ist nicht in allen Jahren auf die Grenzen von 2021 umgerechnet (z. B. Leipzig vor 1999: 278 statt 298 km²). Offensichtlich falsche Werte (Thüringen 2016–2018 und 2020) wurden als fehlend gesetzt.',
      en: 'The area is not converted to the 2021 boundaries in every year (e.g. Leipzig before 1999: 278 instead of 298 km²). Obviously wrong values (Thuringia 2016–2018 and 2020) were set to missing.',
    },
  },
  {
    id: 'bevoelkerungsdichte',
    column: 'bevoelkerungsdichte',
    label: { de: 'Bevölkerungsdichte', en: 'Population density' },
    unit: 'perkm2',
    decimals: 0,
    definition: {
      de: 'Einwohner je km² Fläche (hier berechnet aus Einwohnern und Fläche).',
      en: 'Residents per km² of area (computed here from population and area).',
    },
    source: 'destatis',
    direction: 'neutral',
    agg: ratio('einwohner', 'flaeche_km2', 1),
    yearNotes: { 2012: ZENSUS_NOTE },
  },
  {
    id: 'arbeitslosenquote',
    column: 'arbeitslosenquote',
    label: { de: 'Arbeitslosenquote', en: 'Unemployment rate' },
    unit: 'percent',
    decimals: 1,
    definition: {
      de: 'Registrierte Arbeitslose in % der zivilen Erwerbspersonen (Jahresdurchschnitt, Bundesagentur für Arbeit); INKAR-Kennziffer q_alo.',
      en: 'Registered unemployed as % of the civilian labour force (annual average, Federal Employment Agency); INKAR code q_alo.',
    },
    source: 'inkar',
    direction: 'higher-worse',
    agg: none(
      'INKAR veröffentlicht nur die Quote, nicht Zähler (Arbeitslose) und Nenner (Erwerbspersonen); ein Länder- oder Bundeswert lässt sich daraus nicht korrekt berechnen.',
      'INKAR publishes only the rate, not its numerator (unemployed) and denominator (labour force); a state or national value cannot be computed correctly from it.',
    ),
    yearNotes: {
      2005: {
        de: 'Hartz-IV-Reform: ab 2005 zählen auch erwerbsfähige frühere Sozialhilfeempfänger als arbeitslos; die Quoten steigen dadurch sprunghaft.',
        en: 'Hartz IV reform: from 2005 former social-assistance recipients able to work also count as unemployed, so rates jump.',
      },
      2020: {
        de: 'Anstieg durch die Corona-Pandemie (kein Definitionswechsel).',
        en: 'Increase due to the COVID-19 pandemic (no change of definition).',
      },
    },
  },
  {
    id: 'jugendarbeitslosenquote',
    column: 'jugendarbeitslosenquote',
    label: { de: 'Jugendarbeitslosenquote (unter 25 Jahre)', en: 'Youth unemployment rate (under 25)' },
    short: { de: 'Jugendarbeitslosigkeit', en: 'Youth unemployment' },
    unit: 'percent',
    decimals: 1,
    definition: {
      de: 'Arbeitslose unter 25 Jahren in % der gleichaltrigen Erwerbspersonen; INKAR-Kennziffer q_alo_u25 (genaue Bezugsgröße laut INKAR-Indikatorbeschreibung).',
      en: 'Unemployed persons under 25 as % of the labour force of the same age; INKAR code q_alo_u25 (exact reference population per the INKAR indicator description).',
    },
    source: 'inkar',
    direction: 'higher-worse',
    agg: none(
      'INKAR veröffentlicht nur die Quote, nicht Zähler und Nenner; ein Länder- oder Bundeswert lässt sich daraus nicht korrekt berechnen.',
      'INKAR publishes only the rate, not its numerator and denominator; a state or national value cannot be computed correctly from it.',
    ),
  },
  {
    id: 'langzeitarbeitslose_anteil',
    column: 'langzeitarbeitslose_anteil',
    label: { de: 'Anteil Langzeitarbeitsloser an den Arbeitslosen', en: 'Long-term unemployed as a share of the unemployed' },
    short: { de: 'Langzeitarbeitslose', en: 'Long-term unemployed' },
    unit: 'percent',
    decimals: 1,
    definition: {
      de: 'Arbeitslose, die ein Jahr oder länger arbeitslos sind, in % aller Arbeitslosen; INKAR-Kennziffer a_aloLang.',
      en: 'Persons unemployed for one year or longer as % of all unemployed; INKAR code a_aloLang.',
    },
    source: 'inkar',
    direction: 'higher-worse',
    agg: none(
      'INKAR veröffentlicht nur den Anteil, nicht die Zahl der (Langzeit-)Arbeitslosen; ein Länder- oder Bundeswert lässt sich daraus nicht korrekt berechnen.',
      'INKAR publishes only the share, not the number of (long-term) unemployed; a state or national value cannot be computed correctly from it.',
    ),
    yearNotes: {
      2007: {
        de: 'Datenbruch: 2007 und 2008 haben viele Kreise (v. a. Niedersachsen, Nordrhein-Westfalen, Hessen) unplausibel niedrige Werte.',
        en: 'Data break: in 2007 and 2008 many districts (mainly Lower Saxony, North Rhine-Westphalia, Hesse) have implausibly low values.',
      },
      2008: {
        de: 'Datenbruch: 2008 unplausibel niedrige Werte in vielen Kreisen, auch in Sachsen (z. B. Leipzig 17,6 % zwischen rund 45 % davor und 41 % danach).',
        en: 'Data break: implausibly low values in many districts in 2008, also in Saxony (e.g. Leipzig 17.6% between about 45% before and 41% after).',
      },
      2021: {
        de: 'Anstieg als Folge der Corona-Pandemie (2020 arbeitslos Gewordene werden 2021 langzeitarbeitslos).',
        en: 'Increase as a consequence of the COVID-19 pandemic (people who became unemployed in 2020 become long-term unemployed in 2021).',
      },
    },
  },
  {
    id: 'auslaenderanteil',
    column: 'auslaenderanteil',
    label: { de: 'Ausländeranteil', en: 'Share of foreign nationals' },
    unit: 'percent',
    decimals: 1,
    definition: {
      de: 'Einwohner ohne deutsche Staatsangehörigkeit in % der Einwohner; INKAR-Kennziffer a_ausl_bev.',
      en: 'Residents without German citizenship as % of all residents; INKAR code a_ausl_bev.',
    },
    source: 'inkar',
    direction: 'neutral',
    agg: ratio('auslaender_est', 'einwohner', 100),
    notes: {
      de: 'Für Länder und Bund wird die Zahl der Ausländer aus Anteil × Destatis-Einwohnerzahl zurückgerechnet; die zusammengefassten Werte sind bevölkerungsgewichtete Mittel und können von amtlichen Landeswerten abweichen.',
      en: 'For states and Germany the number of foreign nationals is reconstructed as share × Destatis population; aggregates are population-weighted means and may differ from official state values.',
    },
    yearNotes: {
      2011: {
        de: 'Bruch durch den Zensus 2011: die Anteile sinken in vielen Kreisen sprunghaft.',
        en: 'Break due to the 2011 census: shares drop abruptly in many districts.',
      },
      2022: NO_POP_2022,
    },
  },
  {
    id: 'anteil_65plus',
    column: 'anteil_65plus',
    label: { de: 'Anteil der Einwohner ab 65 Jahren', en: 'Share of residents aged 65 and over' },
    short: { de: 'Anteil 65+', en: 'Aged 65+' },
    unit: 'percent',
    decimals: 1,
    definition: {
      de: 'Einwohner im Alter von 65 Jahren und älter in % der Einwohner; INKAR-Kennziffer a_bev65um.',
      en: 'Residents aged 65 and over as % of all residents; INKAR code a_bev65um.',
    },
    source: 'inkar',
    direction: 'neutral',
    agg: ratio('ab65_est', 'einwohner', 100),
    notes: {
      de: 'Länder- und Bundeswerte: Zähler aus Anteil × Destatis-Einwohnerzahl zurückgerechnet (bevölkerungsgewichtetes Mittel).',
      en: 'State and national values: numerator reconstructed as share × Destatis population (population-weighted mean).',
    },
    yearNotes: { 2022: NO_POP_2022 },
  },
  {
    id: 'anteil_frauen',
    column: 'anteil_frauen',
    label: { de: 'Frauenanteil', en: 'Share of women' },
    unit: 'percent',
    decimals: 1,
    definition: {
      de: 'Weibliche Einwohner in % der Einwohner; INKAR-Kennziffer a_bevf.',
      en: 'Female residents as % of all residents; INKAR code a_bevf.',
    },
    source: 'inkar',
    direction: 'neutral',
    agg: ratio('frauen_est', 'einwohner', 100),
    notes: {
      de: 'Länder- und Bundeswerte: Zähler aus Anteil × Destatis-Einwohnerzahl zurückgerechnet (bevölkerungsgewichtetes Mittel).',
      en: 'State and national values: numerator reconstructed as share × Destatis population (population-weighted mean).',
    },
    yearNotes: {
      2011: {
        de: 'Bruch durch den Zensus 2011 (Anteile steigen in vielen Kreisen sprunghaft).',
        en: 'Break due to the 2011 census (shares rise abruptly in many districts).',
      },
      2022: NO_POP_2022,
    },
  },
  {
    id: 'medianalter',
    column: 'medianalter',
    label: { de: 'Medianalter', en: 'Median age' },
    unit: 'years',
    decimals: 1,
    definition: {
      de: 'Alter, das die Einwohner in zwei gleich große Hälften teilt, in Jahren; INKAR-Kennziffer m_bev_alter.',
      en: 'Age that splits the residents into two halves of equal size, in years; INKAR code m_bev_alter.',
    },
    source: 'inkar',
    direction: 'neutral',
    agg: none(
      'Ein Median lässt sich nicht aus den Medianen der Kreise berechnen (dafür wäre die Altersverteilung nötig).',
      'A median cannot be computed from the district medians (the age distribution would be needed).',
    ),
  },
  {
    id: 'bip_je_ew',
    column: 'bip_je_ew',
    label: { de: 'Bruttoinlandsprodukt je Einwohner', en: 'GDP per capita' },
    short: { de: 'BIP je Einwohner', en: 'GDP per capita' },
    unit: 'keur',
    decimals: 1,
    definition: {
      de: 'Bruttoinlandsprodukt (Arbeitsortprinzip) in Tausend Euro je Einwohner, jeweilige Preise; INKAR-Kennziffer q_bip_ew.',
      en: 'Gross domestic product (place-of-work principle) in thousand euros per resident, current prices; INKAR code q_bip_ew.',
    },
    source: 'inkar',
    direction: 'higher-better',
    agg: ratio('bip_est', 'einwohner', 1),
    notes: {
      de: 'Die Werte sind Tausend Euro (das GERDA-Codebuch nennt fälschlich „euros“). Das BIP wird am Arbeitsort erwirtschaftet, aber auf die Wohnbevölkerung bezogen: Städte mit vielen Einpendlern haben sehr hohe Werte. Länder- und Bundeswerte: BIP aus Wert × Destatis-Einwohnerzahl zurückgerechnet.',
      en: 'Values are thousand euros (the GERDA codebook wrongly says "euros"). GDP is produced at the place of work but divided by the resident population, so cities with many in-commuters have very high values. State and national values: GDP reconstructed as value × Destatis population.',
    },
  },
  {
    id: 'steuerkraft_je_ew',
    column: 'steuerkraft_je_ew',
    label: { de: 'Gemeindliche Steuerkraft je Einwohner', en: 'Municipal tax capacity per capita' },
    short: { de: 'Steuerkraft je Einwohner', en: 'Tax capacity per capita' },
    unit: 'eur',
    decimals: 0,
    definition: {
      de: 'Steuerkraft der Gemeinden (Realsteuern nach Hebesatz-Normierung plus Gemeindeanteile an Einkommen- und Umsatzsteuer, abzüglich Gewerbesteuerumlage) in Euro je Einwohner; INKAR-Kennziffer q_gest_bev.',
      en: 'Tax capacity of the municipalities (real-property and trade taxes at standardised rates plus municipal shares of income and VAT, minus trade tax levy) in euros per resident; INKAR code q_gest_bev.',
    },
    source: 'inkar',
    direction: 'higher-better',
    agg: ratio('steuerkraft_est', 'einwohner', 1),
    notes: {
      de: 'Für 1997 sind acht ostdeutsche Kreise (u. a. Leipzig) in der Quelle 0; diese Werte werden als fehlend behandelt. Länder- und Bundeswerte: Summe aus Wert × Destatis-Einwohnerzahl zurückgerechnet.',
      en: 'For 1997 eight East German districts (incl. Leipzig) are 0 in the source; these values are treated as missing. State and national values: total reconstructed as value × Destatis population.',
    },
  },
  {
    id: 'pkw_je_1000',
    column: 'pkw_je_1000',
    label: { de: 'Pkw je 1.000 Einwohner', en: 'Passenger cars per 1,000 residents' },
    short: { de: 'Pkw-Dichte', en: 'Car density' },
    unit: 'per1000',
    decimals: 0,
    definition: {
      de: 'Zugelassene Personenkraftwagen je 1.000 Einwohner (Kraftfahrt-Bundesamt); INKAR-Kennziffer q_pkw_bev.',
      en: 'Registered passenger cars per 1,000 residents (Federal Motor Transport Authority); INKAR code q_pkw_bev.',
    },
    source: 'inkar',
    direction: 'neutral',
    agg: ratio('pkw_est', 'einwohner', 1000),
    notes: {
      de: 'Firmenwagen zählen am Sitz des Halters (z. B. sehr hohe Werte in Wolfsburg). Ein negativer Wert in der Quelle (−0,01) wurde als fehlend gesetzt.',
      en: 'Company cars count where the keeper is registered (e.g. very high values in Wolfsburg). One negative value in the source (−0.01) was set to missing.',
    },
    yearNotes: {
      2008: {
        de: 'Bruch: ab 2008 zählt das Kraftfahrt-Bundesamt vorübergehend stillgelegte Fahrzeuge nicht mehr mit; die Werte sinken um rund 10 %.',
        en: 'Break: from 2008 the Federal Motor Transport Authority no longer counts temporarily deregistered vehicles; values drop by about 10%.',
      },
      2022: NO_POP_2022,
    },
  },
  {
    id: 'baugenehmigungen_je_10000',
    column: 'baugenehmigungen_je_10000',
    label: { de: 'Baugenehmigungen für Wohnungen je 1.000 Einwohner', en: 'Dwellings approved for construction per 1,000 residents' },
    short: { de: 'Baugenehmigungen', en: 'Building permits' },
    unit: 'per1000',
    decimals: 1,
    definition: {
      de: 'Genehmigte Wohnungen (Baugenehmigungen) je 1.000 Einwohner; INKAR-Kennziffer q_gen_wo_ew.',
      en: 'Dwellings approved for construction (building permits) per 1,000 residents; INKAR code q_gen_wo_ew.',
    },
    source: 'inkar',
    direction: 'neutral',
    agg: none(
      'INKAR veröffentlicht nur die Quote, nicht die Zahl der genehmigten Wohnungen; ein Länder- oder Bundeswert wird hier nicht berechnet.',
      'INKAR publishes only the rate, not the number of approved dwellings; no state or national value is computed here.',
    ),
    notes: {
      de: 'Das GERDA-Codebuch nennt „je 10.000 Einwohner“; die Größenordnung passt aber nur zu „je 1.000 Einwohner“ (z. B. Leipzig 2019: 6,3, d. h. rund 3.800 genehmigte Wohnungen). Die Kennung der Spalte wurde beibehalten.',
      en: 'The GERDA codebook says "per 10,000 residents", but the magnitude only fits "per 1,000 residents" (e.g. Leipzig 2019: 6.3, i.e. about 3,800 approved dwellings). The column id was kept.',
    },
  },
  {
    id: 'schulabgaenger_ohne_abschluss',
    column: 'schulabgaenger_ohne_abschluss',
    label: { de: 'Schulabgänger ohne Abschluss', en: 'School leavers without a qualification' },
    short: { de: 'Ohne Schulabschluss', en: 'No qualification' },
    unit: 'percent',
    decimals: 1,
    definition: {
      de: 'Schulabgänger allgemeinbildender Schulen ohne Hauptschulabschluss in % aller Schulabgänger; INKAR-Kennziffer a_schul_oA.',
      en: 'Leavers of general schools without a lower-secondary certificate as % of all school leavers; INKAR code a_schul_oA.',
    },
    source: 'inkar',
    direction: 'higher-worse',
    agg: none(
      'INKAR veröffentlicht nur den Anteil, nicht die Zahl der Schulabgänger; ein Länder- oder Bundeswert wird hier nicht berechnet.',
      'INKAR publishes only the share, not the number of school leavers; no state or national value is computed here.',
    ),
  },
  {
    id: 'schulabgaenger_abitur',
    column: 'schulabgaenger_abitur',
    label: { de: 'Schulabgänger mit Abitur', en: 'School leavers with Abitur' },
    short: { de: 'Abitur', en: 'Abitur' },
    unit: 'percent',
    decimals: 1,
    definition: {
      de: 'Schulabgänger allgemeinbildender Schulen mit allgemeiner Hochschulreife in % aller Schulabgänger; INKAR-Kennziffer a_schul_abi.',
      en: 'Leavers of general schools with the general higher-education entrance qualification (Abitur) as % of all school leavers; INKAR code a_schul_abi.',
    },
    source: 'inkar',
    direction: 'higher-better',
    agg: none(
      'INKAR veröffentlicht nur den Anteil, nicht die Zahl der Schulabgänger; ein Länder- oder Bundeswert wird hier nicht berechnet.',
      'INKAR publishes only the share, not the number of school leavers; no state or national value is computed here.',
    ),
    notes: {
      de: 'Der Wert hängt davon ab, ob es im Kreis Gymnasien gibt: Landkreise um kreisfreie Städte haben oft niedrige Werte. In der Quelle steht 0 für fehlende Werte (z. B. Landkreise Bamberg, Schweinfurt, Würzburg); diese Werte werden als fehlend behandelt.',
      en: 'The value depends on whether there are grammar schools in the district: rural districts around cities often have low values. The source writes 0 for missing values (e.g. rural districts of Bamberg, Schweinfurt, Würzburg); these are treated as missing.',
    },
    yearNotes: {
      2011: {
        de: 'Doppelte Abiturjahrgänge (Umstellung auf G8), u. a. in Bayern und Niedersachsen: Anteile sprunghaft höher.',
        en: 'Double Abitur cohorts (switch to 8-year grammar school), e.g. in Bavaria and Lower Saxony: shares jump up.',
      },
      2020: {
        de: 'Niedersachsen: wegen der Rückkehr zu G9 kaum Abiturjahrgang, Anteile sehr niedrig oder fehlend.',
        en: 'Lower Saxony: hardly any Abitur cohort because of the return to 9-year grammar school; shares very low or missing.',
      },
    },
  },
];


// ---------------------------------------------------------------------------------------------
// Deutschland – Gemeinden (Zensus 2022)
// ---------------------------------------------------------------------------------------------

/**
 * Gemeinden merged between the VG5000 boundary date (01.01.2021) and the Zensus reference date
 * (15.05.2022): Zensus AGS -> the VG5000 features (AGS: GEN) whose polygons are dissolved into it.
 * Identified from the data: the predecessors are the only non-gemeindefreie VG5000 features
 * without a Zensus row, lie in the same Kreis as the successor and border it (checked by the
 * script). `kept` = the successor keeps the AGS of one predecessor.
 */
export const GEMEINDE_MERGERS = [
  {
    id: '03153019',
    name: 'Langelsheim, Stadt',
    parts: {
      '03153007': 'Langelsheim',
      '03153006': 'Hahausen',
      '03153009': 'Lutter am Barenberge',
      '03153014': 'Wallmoden',
    },
    how: {
      de: 'Stadt Langelsheim und die Gemeinden der Samtgemeinde Lutter am Barenberge zur neuen Stadt Langelsheim (neuer Schlüssel 03153019) zusammengeschlossen',
      en: 'the town of Langelsheim and the member municipalities of the Samtgemeinde Lutter am Barenberge merged into the new town of Langelsheim (new key 03153019)',
    },
  },
  {
    id: '12073532',
    name: 'Schwedt/Oder, Stadt',
    kept: true,
    parts: {
      '12073532': 'Schwedt/Oder',
      '12073032': 'Berkholz-Meyenburg',
      '12073386': 'Mark Landin',
      '12073603': 'Passow',
    },
    how: {
      de: 'Berkholz-Meyenburg, Mark Landin und Passow (Amt Oder-Welse) in die Stadt Schwedt/Oder eingegliedert (Schlüssel 12073532 bleibt)',
      en: 'Berkholz-Meyenburg, Mark Landin and Passow (Amt Oder-Welse) incorporated into the town of Schwedt/Oder (key 12073532 kept)',
    },
  },
  {
    id: '16063105',
    name: 'Eisenach, Stadt',
    parts: { '16056000': 'Eisenach' },
    how: {
      de: 'kreisfreie Stadt Eisenach am 01.07.2021 in den Wartburgkreis eingegliedert (neuer Schlüssel 16063105, Fläche unverändert)',
      en: 'the kreisfreie Stadt Eisenach joined the Wartburgkreis on 1 July 2021 (new key 16063105, same area)',
    },
  },
];

const estNote = (what, whatEn, base, baseEn) => ({
  de: `Für Kreise, Länder und Bund wird ${what} aus dem veröffentlichten, auf eine Nachkommastelle gerundeten Anteil zurückgerechnet (Anteil × ${base} / 100). Die zusammengefassten Anteile sind daher Näherungen (auf etwa ±0,05 Prozentpunkte genau). Gemeinden mit geheim gehaltenem Wert („keine Angabe“) können nicht beitragen.`,
  en: `For districts, states and Germany ${whatEn} is reconstructed from the published share, which is rounded to one decimal (share × ${baseEn} / 100). Aggregated shares are therefore approximations (to about ±0.05 percentage points). Municipalities whose value is suppressed ("no data") cannot contribute.`,
});

const ZENSUS_SECRECY = {
  de: 'In kleinen Gemeinden ist der Wert aus Gründen der Geheimhaltung nicht veröffentlicht (keine Angabe).',
  en: 'In small municipalities the value is suppressed for confidentiality ("no data").',
};

/**
 * Gemeinden indicators (order = display order). `years` is added by the script; `stats` are
 * numbers computed from the data for the notes (see buildGemeinden).
 */
export function gemeindenIndicators(stats) {
  const shareRatio = (num) => ratio(num, 'einwohner', 100);
  const age = (id, column, num, labelDe, labelEn, sourceColumn) => ({
    id,
    column,
    label: { de: `${labelDe} (Bezeichnung der Quelle)`, en: `${labelEn} (label of the source)` },
    unit: 'percent',
    decimals: 1,
    definition: {
      de: `Anteil an den Einwohnern in %, laut Quelle „${labelDe}“ (GERDA-Spalte ${sourceColumn}). Die Altersgrenzen sind zweifelhaft: bundesweit ergeben sich ${stats.ageShares}; siehe Hinweise.`,
      en: `Share of residents in %, "${labelEn}" according to the source (GERDA column ${sourceColumn}). The age limits are doubtful: the national shares are ${stats.ageShares}; see notes.`,
    },
    source: 'zensus2022',
    direction: 'neutral',
    agg: shareRatio(num),
    notes: {
      de: `Die fünf Altersanteile der Quelle ergänzen sich zu 100 %, passen aber nicht zu den angegebenen Altersgruppen (bundesweit z. B. „30–49 Jahre“: ${stats.age3049De} % statt rund 25 %); der letzte Anteil liegt in jedem Kreis ${stats.inkarDiffRangeDe} Prozentpunkte unter dem INKAR-Anteil ab 65 Jahren. Vor der Verwendung mit der amtlichen Zensus-Tabelle prüfen.`,
      en: `The five age shares of the source add up to 100%, but do not fit the stated age groups (nationally e.g. "30–49": ${stats.age3049En}% instead of about 25%); the last share is ${stats.inkarDiffRangeEn} percentage points below the INKAR share aged 65+ in every district. Check against the official census table before use.`,
    },
  });
  return {
    shipped: [
      {
        id: 'einwohner',
        column: 'einwohner',
        label: { de: 'Einwohner (Zensus 2022)', en: 'Population (census 2022)' },
        short: { de: 'Einwohner', en: 'Population' },
        unit: 'count',
        decimals: 0,
        definition: {
          de: 'Einwohnerzahl der Gemeinde laut Zensus 2022 am Stichtag 15.05.2022 (Personen mit Hauptwohnsitz).',
          en: 'Population of the municipality according to the 2022 census on 15 May 2022 (persons with main residence).',
        },
        source: 'zensus2022',
        direction: 'neutral',
        agg: sumAgg,
        notes: {
          de: `Summe aller Gemeinden: ${stats.einwohnerDe} Einwohner. Die Zensuszahlen sind nicht mit der Bevölkerungsfortschreibung der Kreise-Ansicht vergleichbar: der Zensus 2022 ergab bundesweit rund 1,4 Millionen Einwohner weniger als die Fortschreibung.`,
          en: `Sum of all municipalities: ${stats.einwohnerEn} residents. Census counts are not comparable with the population update shown for districts: the 2022 census found about 1.4 million fewer residents nationally than the update.`,
        },
      },
      {
        id: 'auslaenderanteil',
        column: 'auslaenderanteil',
        label: { de: 'Ausländeranteil', en: 'Share of foreign nationals' },
        unit: 'percent',
        decimals: 1,
        definition: {
          de: 'Einwohner ohne deutsche Staatsangehörigkeit in % aller Einwohner (Zensus 2022, 15.05.2022).',
          en: 'Residents without German citizenship as % of all residents (2022 census, 15 May 2022).',
        },
        source: 'zensus2022',
        direction: 'neutral',
        agg: shareRatio('auslaender_est'),
        notes: {
          de: `${ZENSUS_SECRECY.de} ${estNote('die Zahl der Ausländer', 'the number of foreign nationals', 'Einwohner', 'residents').de}`,
          en: `${ZENSUS_SECRECY.en} ${estNote('die Zahl der Ausländer', 'the number of foreign nationals', 'Einwohner', 'residents').en}`,
        },
      },
      {
        id: 'einwanderungsgeschichte_anteil',
        column: 'einwanderungsgeschichte_anteil',
        label: { de: 'Anteil mit Einwanderungsgeschichte', en: 'Share with an immigration history' },
        short: { de: 'Einwanderungsgeschichte', en: 'Immigration history' },
        unit: 'percent',
        decimals: 1,
        definition: {
          de: 'Personen mit Einwanderungsgeschichte in % aller Einwohner (Zensus 2022): Personen, die selbst seit 1950 nach Deutschland eingewandert sind, oder deren beide Elternteile seit 1950 eingewandert sind. Das ist das Konzept „Einwanderungsgeschichte“ des Zensus 2022, nicht der frühere „Migrationshintergrund“ (der z. B. auch Kinder mit nur einem eingewanderten Elternteil umfasste).',
          en: 'Persons with an immigration history as % of all residents (2022 census): persons who themselves immigrated to Germany since 1950, or both of whose parents did. This is the census 2022 concept "Einwanderungsgeschichte", not the earlier "migration background" (which also included e.g. children with only one immigrant parent).',
        },
        source: 'zensus2022',
        direction: 'neutral',
        agg: shareRatio('einwanderungsgeschichte_est'),
        notes: {
          de: `Das GERDA-Codebuch nennt die Spalte „migration background“; gemeint ist die Einwanderungsgeschichte. ${ZENSUS_SECRECY.de} ${estNote('die Zahl der Personen mit Einwanderungsgeschichte', 'the number of persons with an immigration history', 'Einwohner', 'residents').de}`,
          en: `The GERDA codebook calls the column "migration background"; it is the immigration history. ${ZENSUS_SECRECY.en} ${estNote('die Zahl der Personen mit Einwanderungsgeschichte', 'the number of persons with an immigration history', 'Einwohner', 'residents').en}`,
        },
      },
      {
        id: 'haushaltsgroesse',
        column: 'haushaltsgroesse',
        label: { de: 'Durchschnittliche Haushaltsgröße (Personen je Haushalt)', en: 'Average household size (persons per household)' },
        short: { de: 'Haushaltsgröße', en: 'Household size' },
        unit: 'persons',
        decimals: 2,
        definition: {
          de: 'Durchschnittliche Zahl der Personen je privatem Haushalt (Zensus 2022, 15.05.2022).',
          en: 'Average number of persons per private household (2022 census, 15 May 2022).',
        },
        source: 'zensus2022',
        direction: 'neutral',
        agg: ratio('einwohner', 'haushalte_est', 1),
        notes: {
          de: `${ZENSUS_SECRECY.de} Für Kreise, Länder und Bund wird die Zahl der Haushalte als Einwohner / Haushaltsgröße geschätzt. Das ist eine Näherung: nicht alle Einwohner leben in privaten Haushalten (z. B. in Wohnheimen, Pflegeheimen oder Gemeinschaftsunterkünften), und die Haushaltsgröße ist gerundet veröffentlicht.`,
          en: `${ZENSUS_SECRECY.en} For districts, states and Germany the number of households is estimated as residents / household size. This is an approximation: not all residents live in private households (e.g. in student residences, care homes or communal accommodation), and the household size is published rounded.`,
        },
      },
      {
        id: 'wohnungen',
        column: 'wohnungen',
        label: { de: 'Wohnungen', en: 'Dwellings' },
        unit: 'count',
        decimals: 0,
        definition: {
          de: 'Zahl der Wohnungen in Gebäuden mit Wohnraum laut Gebäude- und Wohnungszählung des Zensus 2022 (15.05.2022).',
          en: 'Number of dwellings in buildings with residential space according to the building and housing count of the 2022 census (15 May 2022).',
        },
        source: 'zensus2022',
        direction: 'neutral',
        agg: sumAgg,
        notes: {
          de: `Summe aller Gemeinden: ${stats.wohnungenDe} Wohnungen.`,
          en: `Sum of all municipalities: ${stats.wohnungenEn} dwellings.`,
        },
      },
      {
        id: 'leerstandsquote',
        column: 'leerstandsquote',
        label: { de: 'Leerstandsquote', en: 'Vacancy rate' },
        unit: 'percent',
        decimals: 1,
        definition: {
          de: 'Leerstehende Wohnungen in % aller Wohnungen (Zensus 2022, 15.05.2022). Leer steht eine Wohnung, die am Stichtag weder vermietet ist noch vom Eigentümer selbst genutzt wird; Ferien- und Freizeitwohnungen zählen nicht als leerstehend.',
          en: 'Vacant dwellings as % of all dwellings (2022 census, 15 May 2022). A dwelling is vacant if on the reference date it is neither let nor used by its owner; holiday homes do not count as vacant.',
        },
        source: 'zensus2022',
        direction: 'higher-worse',
        agg: ratio('leerstand_est', 'wohnungen', 100),
        notes: {
          de: `${ZENSUS_SECRECY.de} ${estNote('die Zahl der leerstehenden Wohnungen', 'the number of vacant dwellings', 'Wohnungen', 'dwellings').de} Bundesweit ergeben die Gemeindewerte ${stats.leerstandDe} leerstehende Wohnungen (${stats.leerstandsquoteDe} % aller Wohnungen).`,
          en: `${ZENSUS_SECRECY.en} ${estNote('die Zahl der leerstehenden Wohnungen', 'the number of vacant dwellings', 'Wohnungen', 'dwellings').en} Nationally the municipal values give ${stats.leerstandEn} vacant dwellings (${stats.leerstandsquoteEn}% of all dwellings).`,
        },
      },
      {
        id: 'nettokaltmiete_qm',
        column: 'nettokaltmiete_qm',
        label: { de: 'Durchschnittliche Nettokaltmiete je m²', en: 'Average net rent per m²' },
        short: { de: 'Nettokaltmiete', en: 'Net rent' },
        unit: 'eur',
        decimals: 2,
        definition: {
          de: 'Durchschnittliche Nettokaltmiete vermieteter Wohnungen in Euro je m² Wohnfläche (Bestandsmieten, Zensus 2022, 15.05.2022).',
          en: 'Average net rent (excluding heating and service charges) of let dwellings in euros per m² of floor space (existing tenancies, 2022 census, 15 May 2022).',
        },
        source: 'zensus2022',
        direction: 'neutral',
        agg: none(
          'Für einen Kreis-, Landes- oder Bundeswert wäre die vermietete Wohnfläche jeder Gemeinde als Gewicht nötig; sie wird hier nicht veröffentlicht.',
          'A district, state or national value would need the rented floor space of each municipality as a weight, and no floor-space weights are published here.',
        ),
        notes: ZENSUS_SECRECY,
      },
      {
        id: 'eigentuemerquote',
        column: 'eigentuemerquote',
        label: { de: 'Vom Eigentümer bewohnte Wohnungen (Anteil an allen Wohnungen)', en: 'Owner-occupied dwellings (share of all dwellings)' },
        short: { de: 'Selbst genutztes Eigentum', en: 'Owner-occupied' },
        unit: 'percent',
        decimals: 1,
        definition: {
          de: 'Vom Eigentümer selbst bewohnte Wohnungen in % aller Wohnungen, leerstehende eingeschlossen (Zensus 2022, 15.05.2022).',
          en: 'Dwellings occupied by their owner as % of all dwellings, vacant ones included (2022 census, 15 May 2022).',
        },
        source: 'zensus2022',
        direction: 'neutral',
        agg: ratio('eigentum_est', 'wohnungen', 100),
        notes: {
          de: `Bezugsgröße sind alle Wohnungen, nicht – wie bei der amtlichen Eigentümerquote des Zensus – die bewohnten Wohnungen: bundesweit ergeben die Werte ${stats.eigentumDe} % aller Wohnungen; bezogen auf die bewohnten Wohnungen (Wohnungen ohne Leerstand) wären es ${stats.eigentumOccDe} % (amtliche Eigentümerquote 43,6 %). In Gegenden mit viel Leerstand ist der Unterschied größer (Sachsen: ${stats.eigentumSnDe} % statt ${stats.eigentumSnOccDe} %). ${estNote('die Zahl der vom Eigentümer bewohnten Wohnungen', 'the number of owner-occupied dwellings', 'Wohnungen', 'dwellings').de}`,
          en: `The base is all dwellings, not occupied dwellings as in the census's official owner-occupancy rate: nationally the values give ${stats.eigentumEn}% of all dwellings; relative to occupied dwellings (dwellings minus vacant ones) it would be ${stats.eigentumOccEn}% (official rate 43.6%). Where vacancy is high the difference is larger (Saxony: ${stats.eigentumSnEn}% instead of ${stats.eigentumSnOccEn}%). ${estNote('die Zahl der vom Eigentümer bewohnten Wohnungen', 'the number of owner-occupied dwellings', 'Wohnungen', 'dwellings').en}`,
        },
      },
    ],
    // Built but not shipped (see SOURCES.md): the age bands of the source do not fit their labels.
    age: [
      age('anteil_unter18', 'anteil_unter18', 'unter18_est', 'Anteil unter 18 Jahren', 'Share aged under 18', 'share_under18_census22'),
      age('anteil_18_29', 'anteil_18_29', 'alter18_29_est', 'Anteil 18 bis 29 Jahre', 'Share aged 18 to 29', 'share_18to29_census22'),
      age('anteil_30_49', 'anteil_30_49', 'alter30_49_est', 'Anteil 30 bis 49 Jahre', 'Share aged 30 to 49', 'share_30to49_census22'),
      age('anteil_50_64', 'anteil_50_64', 'alter50_64_est', 'Anteil 50 bis 64 Jahre', 'Share aged 50 to 64', 'share_50to64_census22'),
      age('anteil_65plus', 'anteil_65plus', 'ab65_est', 'Anteil ab 65 Jahren', 'Share aged 65 and over', 'share_65plus_census22'),
    ],
  };
}
