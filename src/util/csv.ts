/**
 * CSV for operators' exports (audit log, knowledge-base report): RFC 4180 quoting, and a guard
 * against spreadsheet formulas, since the fields carry user and directory text.
 */

/** One CSV field: formula-guarded (a leading `=`, `+`, `-`, `@`, tab or CR gets a `'`), then quoted when needed. */
export function csvField(value: string): string {
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** Rows as CSV text, every line ending in `\n`. */
export function csvRows(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\n`).join('');
}
