// The four 1 km squares in Leipzig's south (ETRS89 / UTM 33N) that the import
// fixtures are made of, with umlauts in the names and keys as Excel prints them.
export const x0 = 316000;
export const y0 = 5686000;
export const areas = [
  { id: '1', name: 'Lößnig', einw: 12345, ant: 12.5, dx: 0, dy: 0 },
  { id: '2', name: 'Großzschocher', einw: 8000, ant: 7.25, dx: 1, dy: 0 },
  { id: '3', name: 'Südvorstadt', einw: 26000, ant: 15.75, dx: 0, dy: 1 },
  { id: '4', name: 'Mölkau', einw: 6500, ant: 4.5, dx: 1, dy: 1 },
];
