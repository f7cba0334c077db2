/**
 * A report as a plain document: sections of paragraphs, tables, field lists and charts,
 * holding unescaped text. The HTML and Markdown writers escape as they write it, so that
 * escaping happens in exactly one place per format.
 */

/**
 * A table cell: text, optionally in a fixed-width font (hashes, ids), with a verdict, or
 * with a second line in small fixed-width type (a run's id under its name).
 */
export type Cell = string | { text: string; mono?: boolean; tone?: Tone; sub?: string };

/** A verdict colour: good, bad, or a plain remark. */
export type Tone = 'ok' | 'bad' | 'note';

export type Block =
  | { kind: 'paragraph'; text: string; tone?: Tone }
  | { kind: 'subheading'; text: string }
  | {
      kind: 'table';
      headers: string[];
      rows: Cell[][];
      empty: string;
      /** Columns of numbers, aligned right. */
      numeric?: number[];
      /** Columns kept on one line, such as times. */
      nowrap?: number[];
    }
  | { kind: 'fields'; rows: [string, Cell][] }
  | { kind: 'list'; items: string[] }
  | {
      kind: 'chart';
      key: string;
      /** The chart as SVG markup, its text already escaped. */
      svg: string;
      legend: { label: string; colour: string }[];
    };

export interface Section {
  /** An anchor name, letters and dashes only. */
  id: string;
  title: string;
  blocks: Block[];
}

export interface ReportDocument {
  title: string;
  /** Lines under the title: when, by whom, from which store. */
  byline: string[];
  sections: Section[];
}

/** The text of a cell. */
export function cellText(cell: Cell): string {
  return typeof cell === 'string' ? cell : cell.text;
}

/** A cell in a fixed-width font, for hashes and ids. */
export function mono(text: string): Cell {
  return { text, mono: true };
}
