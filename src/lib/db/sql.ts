// Quoting for the few values that are spliced into SQL. Every value comes from
// the bundled catalog or the validated view state, but quote them anyway.
export function str(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function int(value: number): string {
  if (!Number.isInteger(value)) throw new Error(`Not an integer: ${value}`);
  return String(value);
}

export function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
  return String(value);
}
