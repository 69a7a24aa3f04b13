// Leipzig (Ortsteile, Stadtbezirke, city): level names, year notes and indicator texts.
import { none, ratio, sumAgg } from './common.mjs';

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
      de: 'Werte sind auf ganze Prozent abgeschnitten (nicht gerundet). Eine „0“ in der Quelle ist dort, wo der Ortsteil SGB-II-Leistungsberechtigte hat und diese unter 1 % der Einwohner sind, ein abgeschnittener Wert und wird als „< 1 %“ gezeigt (Plaußig-Portitz 2022: 21 Leistungsberechtigte bei 3.229 Einwohnern); sonst bedeutet sie „keine Angabe“. Der Sozialindex setzt für „< 1 %“ die Intervallmitte 0,5 % ein.',
      en: 'Values are truncated (not rounded) to whole percent. A "0" in the source is a truncated value where the Ortsteil has SGB II recipients and they are below 1 % of the residents; it is shown as "< 1%" (Plaußig-Portitz 2022: 21 recipients, 3,229 residents); otherwise it means "no data". The social index uses the interval midpoint 0.5 % for "< 1%".',
    },
  },
];
