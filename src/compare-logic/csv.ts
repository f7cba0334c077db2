/**
 * CSV in RFC 4180 form. Cells that a spreadsheet would run as a formula are defused, because
 * run names and params are text anyone could have written.
 */

/** A cell: numbers keep full precision, missing values become empty cells. */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+@\t\r]/;

function isNumberText(text: string): boolean {
  return text.trim() !== '' && Number.isFinite(Number(text));
}

function formatCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) {
    return '';
  }

  if (typeof cell === 'number') {
    return Number.isNaN(cell) ? 'NaN' : String(cell);
  }

  let text = String(cell);
  if (FORMULA_START.test(text) || (text.startsWith('-') && !isNumberText(text))) {
    text = `'${text}`;
  }

  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV text of a header and rows, lines ending in CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(formatCell).join(','));
  return lines.join('\r\n') + '\r\n';
}
