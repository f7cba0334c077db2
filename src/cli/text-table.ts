/**
 * Aligned text tables for human output, fitted to a width: the columns marked
 * shrinkable give up space first, their cells cut with an ellipsis.
 */

/** Human output fits this many columns. */
export const OUTPUT_WIDTH = 100;

export interface TableColumn {
  title: string;
  /**
   * Whether the column may be narrowed (names, values); never below a short title, while a
   * long one (a sort key's) is cut like a cell.
   */
  shrink?: boolean;
  /** Right-align, for numbers. */
  right?: boolean;
}

const GAP = '  ';
const MIN_SHRUNK = 6;
/** Titles up to this long are never cut; a longer one may shrink like its cells. */
const KEPT_TITLE = 12;

function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** One line of text, cut with an ellipsis to the output width. */
export function fitLine(text: string, width = OUTPUT_WIDTH): string {
  return cut(oneLine(text), width);
}

/** Cells with newlines and tabs would break the alignment; they become spaces. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ');
}

/** The table as lines of text, each at most `width` characters when the fixed columns allow. */
export function formatTable(
  columns: TableColumn[],
  rows: string[][],
  width = OUTPUT_WIDTH,
): string {
  const cells = rows.map((row) => row.map(oneLine));
  const widths = columns.map((column, index) =>
    Math.max(column.title.length, ...cells.map((row) => (row[index] ?? '').length)),
  );

  let total = widths.reduce((sum, each) => sum + each, 0) + GAP.length * (columns.length - 1);
  while (total > width) {
    let widest = -1;
    columns.forEach((column, index) => {
      const current = widths[index] as number;
      if (
        column.shrink &&
        current > Math.max(MIN_SHRUNK, Math.min(column.title.length, KEPT_TITLE)) &&
        (widest === -1 || current > (widths[widest] as number))
      ) {
        widest = index;
      }
    });

    if (widest === -1) {
      break;
    }

    widths[widest] = (widths[widest] as number) - 1;
    total -= 1;
  }

  const line = (row: string[]): string =>
    columns
      .map((column, index) => {
        const text = cut(row[index] ?? '', widths[index] as number);
        const size = widths[index] as number;
        return column.right ? text.padStart(size) : text.padEnd(size);
      })
      .join(GAP)
      .trimEnd();

  return [line(columns.map((column) => column.title)), ...cells.map(line)].join('\n') + '\n';
}
