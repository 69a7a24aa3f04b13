// Germany – Kreise (INKAR, Destatis, VG5000): Länder and indicator texts.
import { none, ratio, sumAgg } from './common.mjs';

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
      de: 'Der Wert hängt davon ab, ob es im Kreis Gymnasien gibt: Landkreise um kreisfreie Städte haben oft niedrige Werte, Landkreise ohne eigenes Gymnasium (z. B. Bamberg, Schweinfurt, Würzburg) den echten Wert 0 – ihre Schüler machen das Abitur in der Stadt.',
      en: 'The value depends on whether there are grammar schools in the district: rural districts around cities often have low values, and rural districts without a grammar school of their own (e.g. Bamberg, Schweinfurt, Würzburg) the real value 0 – their pupils take the Abitur in the city.',
    },
    yearNotes: {
      2011: {
        de: 'Doppelte Abiturjahrgänge (Umstellung auf G8), u. a. in Bayern und Niedersachsen: Anteile sprunghaft höher.',
        en: 'Double Abitur cohorts (switch to 8-year grammar school), e.g. in Bavaria and Lower Saxony: shares jump up.',
      },
      2020: {
        de: 'Niedersachsen: wegen der Rückkehr zu G9 kaum Abiturjahrgang, Anteile sehr niedrig oder 0.',
        en: 'Lower Saxony: hardly any Abitur cohort because of the return to 9-year grammar school; shares very low or 0.',
      },
    },
  },
];
