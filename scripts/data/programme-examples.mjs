// Bundled example programme areas (data/programme-areas/examples.json): real Fördergebiete of Leipzig
// approximated by whole Ortsteile, and a Sozialraum of Landkreis Verden made of Gemeinden. Each carries
// the source of its definition; where the source does not define it as a set of our base areas, the
// area is flagged `example: true` and the app labels it "Beispiel". The outline (the members dissolved)
// is computed here, so the app needs no base geometry to draw them. Reads the files the site builders
// wrote (data/leipzig/ortsteil.geojson, data/gemeinden/gemeinde.geojson).
import fs from 'node:fs';
import path from 'node:path';
import { cleanGeometry, dissolve } from '../lib/geo.mjs';
import { OUT, sortKeysDeep, write } from '../lib/site-output.mjs';

/** Where each definition comes from (cited in data/SOURCES.md and shown with the area). */
export const PROGRAMME_SOURCES = {
  'leipziger-osten': {
    title: 'Stadt Leipzig, Stadtteilportal Leipziger Osten: Förderung aus dem EFRE – 3. Förderperiode 2014 bis 2020',
    url: 'http://www.leipziger-osten.de/content/stadtteil-im-blick/foerdermoeglichkeiten/efre-2014-2020/',
    says: 'the EFRE-Fördergebiet Leipziger Osten covers essentially the Ortsteil Volkmarsdorf, most of Neustadt-Neuschönefeld, large parts of Anger-Crottendorf and fringes of Reudnitz-Thonberg; funding 2016–2020 (Ratsversammlung 11 Nov 2015, VI-DS-01672)',
  },
  'esf-leipzig-2021': {
    title: 'RAA Leipzig, „Über Generationen“: ESF Plus 2021–2027, Schwerpunktgebiete Grünau, Schönefeld und Mockau',
    url: 'https://uebergenerationen.raa-leipzig.de/?page_id=108',
    says: 'the City of Leipzig applies for "Nachhaltige soziale Stadtentwicklung ESF Plus 2021–2027" in the focus areas Grünau and Schönefeld/Mockau; projects start no earlier than 1 July 2023. The boundaries are maps in the GIHK, not lists of Ortsteile',
  },
  'verden-nord': {
    title: 'Kreiszeitung (Michael Mix), „Neues soziales Zentrum für Nordkreis“, November 2022',
    url: 'https://www.kreiszeitung.de/lokales/verden/achim-ort44553/neues-soziales-zentrum-fuer-nordkreis-91895540.html',
    says: 'the Landkreis Verden\'s new centre in Achim is the "Anlaufstelle für den Sozialraum Nord", responsible for the Stadt Achim, the Flecken Ottersberg, the Gemeinde Oyten and the Samtgemeinde Thedinghausen (Blender, Emtinghausen, Riede, Thedinghausen)',
  },
};

/**
 * The examples. `example: true` where the definition is approximated (the source's boundary cuts
 * Ortsteile or is only a map); the Verden Sozialraum is defined by its Gemeinden in the source.
 */
export const PROGRAMME_EXAMPLES = [
  {
    id: 'pa-ex-leipziger-osten',
    site: 'leipzig',
    name: 'Leipziger Osten',
    programme: 'own',
    programmeText: 'EFRE 2014–2020',
    startYear: 2016,
    color: '#d55e00',
    members: ['20', '21', '22'],
    example: true,
    source: 'leipziger-osten',
    approximation: 'whole Ortsteile Neustadt-Neuschönefeld, Volkmarsdorf and Anger-Crottendorf; the fringes in Reudnitz-Thonberg are left out',
  },
  {
    id: 'pa-ex-gruenau',
    site: 'leipzig',
    name: 'Grünau',
    programme: 'esf-plus',
    startYear: 2023,
    color: '#0072b2',
    members: ['60', '61', '62', '64', '65'],
    example: true,
    source: 'esf-leipzig-2021',
    approximation: 'the Ortsteile of the Großsiedlung (Schönau, Grünau-Ost, Grünau-Mitte, Lausen-Grünau, Grünau-Nord: Wohnkomplexe 1–8); Grünau-Siedlung and Miltitz left out',
  },
  {
    id: 'pa-ex-schoenefeld-mockau',
    site: 'leipzig',
    name: 'Schönefeld/Mockau',
    programme: 'esf-plus',
    startYear: 2023,
    color: '#009e73',
    members: ['10', '11', '12', '13'],
    example: true,
    source: 'esf-leipzig-2021',
    approximation: 'the Ortsteile Schönefeld-Abtnaundorf, Schönefeld-Ost, Mockau-Süd and Mockau-Nord',
  },
  {
    id: 'pa-ex-verden-nord',
    site: 'gemeinden',
    name: 'Sozialraum Nord (LK Verden)',
    programme: 'sozialraum',
    startYear: null,
    color: '#cc79a7',
    members: ['03361001', '03361002', '03361004', '03361008', '03361009', '03361010', '03361013'],
    example: false,
    source: 'verden-nord',
    approximation: null,
  },
];

const GEOMETRY = { leipzig: 'leipzig/ortsteil.geojson', gemeinden: 'gemeinden/gemeinde.geojson' };

/** Writes data/programme-areas/examples.json; returns what SOURCES.md reports. */
export function buildProgrammeExamples() {
  const features = new Map();
  for (const [site, file] of Object.entries(GEOMETRY)) {
    const fc = JSON.parse(fs.readFileSync(path.join(OUT, file), 'utf8'));
    features.set(site, new Map(fc.features.map((f) => [String(f.properties.id), f])));
  }
  const report = [];
  const areas = PROGRAMME_EXAMPLES.map((ex) => {
    const bases = features.get(ex.site);
    const parts = ex.members.map((m) => {
      const f = bases.get(m);
      if (!f) throw new Error(`programme example ${ex.id}: no base area ${m} in ${ex.site}`);
      return f;
    });
    const { geometry } = cleanGeometry(dissolve(parts), { decimals: 5 });
    report.push({ ...ex, memberNames: parts.map((f) => f.properties.name) });
    const { source, approximation, ...area } = ex;
    return {
      ...area,
      source: { id: source, ...PROGRAMME_SOURCES[source], ...(approximation ? { approximation } : {}) },
      geometry,
    };
  });
  write('programme-areas/examples.json', JSON.stringify(sortKeysDeep({ areas })) + '\n');
  return report;
}
