/**
 * Writes a report document as Markdown. Charts become SVG images inside `data:` URLs, so
 * the file stays self-contained; every value is escaped, HTML included, since Markdown
 * renderers pass HTML through.
 */
import { escapeMarkdown } from './markup';
import { type Block, type Cell, cellText, type ReportDocument, type Tone } from './report-document';
import { standaloneSvg } from './svg-chart';

const TONE_MARKS: Record<Tone, string> = { ok: '✔ ', bad: '✘ ', note: '' };

function cell(value: Cell): string {
  const rich = typeof value === 'string' ? undefined : value;
  const text = escapeMarkdown(cellText(value));
  const marked = rich?.tone === 'bad' ? `**${text}**` : text;
  const shown = rich?.mono ? `<code>${marked}</code>` : marked;
  return rich?.sub ? `${shown}<br><code>${escapeMarkdown(rich.sub)}</code>` : shown;
}

function table(headers: string[], rows: Cell[][], numeric: number[] = []): string {
  const right = new Set(numeric);
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [
    line(headers.map(escapeMarkdown)),
    line(headers.map((_, at) => (right.has(at) ? '---:' : '---'))),
    ...rows.map((row) => line(row.map(cell))),
  ].join('\n');
}

function blockMarkdown(block: Block): string {
  switch (block.kind) {
    case 'paragraph': {
      const text = `${TONE_MARKS[block.tone ?? 'note']}${escapeMarkdown(block.text)}`;
      return block.tone === 'bad' ? `**${text}**` : text;
    }
    case 'subheading':
      return `### ${escapeMarkdown(block.text)}`;
    case 'table':
      return block.rows.length === 0
        ? `_${escapeMarkdown(block.empty)}_`
        : table(block.headers, block.rows, block.numeric);
    case 'fields':
      return table(['Field', 'Value'], block.rows);
    case 'list':
      return block.items.map((item) => `- ${escapeMarkdown(item)}`).join('\n');
    case 'chart': {
      const image = Buffer.from(standaloneSvg(block.svg), 'utf8').toString('base64');
      const legend = block.legend.map((entry) => escapeMarkdown(entry.label)).join(', ');
      return (
        `**${escapeMarkdown(block.key)}**\n\n` +
        `![${escapeMarkdown(block.key)} by step](data:image/svg+xml;base64,${image})\n\n` +
        `Runs: ${legend}`
      );
    }
  }
}

/** The report as Markdown. */
export function reportMarkdown(document: ReportDocument): string {
  const contents = document.sections
    .map((section, at) => `${at + 1}. [${escapeMarkdown(section.title)}](#${section.id})`)
    .join('\n');
  const sections = document.sections.map(
    (section, at) =>
      `<a id="${section.id}"></a>\n\n## ${at + 1}. ${escapeMarkdown(section.title)}\n\n` +
      section.blocks.map(blockMarkdown).join('\n\n'),
  );
  return [
    `# ${escapeMarkdown(document.title)}`,
    document.byline.map((line) => `_${escapeMarkdown(line)}_`).join('  \n'),
    `## Contents\n\n${contents}`,
    ...sections,
    '',
  ].join('\n\n');
}
