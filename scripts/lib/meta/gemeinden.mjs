// Germany – Gemeinden (Zensus 2022): the mergers between boundary and reference date, indicator texts.
import { none, ratio, sumAgg } from './common.mjs';

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
