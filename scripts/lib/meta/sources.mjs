// catalog.sources: publisher, licence, attribution and vintage of every source.
import { LICENCE } from './common.mjs';

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
