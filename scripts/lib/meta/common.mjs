// Pieces shared by the metadata of several sources.

export const LICENCE = {
  licence: 'dl-de/by-2-0',
  licenceName: 'Datenlizenz Deutschland – Namensnennung – Version 2.0',
  licenceUrl: 'https://www.govdata.de/dl-de/by-2-0',
};

/** Aggregation rules of catalog indicators. */
export const sumAgg = { type: 'sum' };
export const ratio = (num, den, scale) => ({ type: 'ratio', num, den, scale });
export const none = (de, en) => ({ type: 'none', reason: { de, en } });
