/**
 * Writes a report document as one self-contained HTML file: inline styles and SVG, no
 * script, nothing fetched from anywhere (its Content-Security-Policy forbids it too), and
 * every value escaped. It prints to A4 as it is.
 */
import { escapeHtml } from './markup';
import { type Block, type Cell, cellText, type ReportDocument, type Tone } from './report-document';

const STYLE = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1f;
  max-width: 1000px; margin: 24px auto; padding: 0 24px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 2px solid #d0d7de;
  break-after: avoid; }
h3 { font-size: 15px; margin: 20px 0 6px; break-after: avoid; }
.byline { color: #57606a; margin: 0; }
nav ol { columns: 2; margin: 6px 0; }
nav a { color: #0b57d0; text-decoration: none; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 12px; }
th, td { border: 1px solid #d0d7de; padding: 3px 7px; text-align: left; vertical-align: top; }
th { background: #f3f5f7; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
.sub { color: #57606a; font-size: 10px; }
table.fields th { width: 24%; white-space: nowrap; }
.mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 11px;
  word-break: break-all; }
.ok { color: #116329; }
.bad { color: #b42318; font-weight: 600; }
p.ok, p.bad { padding: 8px 12px; border-radius: 6px; }
p.ok { background: #eaf6ec; border: 1px solid #a6d8b0; }
p.bad { background: #fdecea; border: 1px solid #f1a9a0; }
p.note { color: #57606a; }
.empty { color: #57606a; font-style: italic; }
figure { margin: 8px 0 18px; break-inside: avoid; }
figcaption { font-weight: 600; margin-bottom: 2px; }
figure svg { max-width: 100%; height: auto; }
.legend { list-style: none; padding: 0; margin: 2px 0 0; font-size: 12px; display: flex;
  flex-wrap: wrap; gap: 4px 16px; }
.swatch { display: inline-block; width: 12px; height: 3px; margin-right: 5px;
  vertical-align: middle; }
@page { size: A4; margin: 14mm; }
@media print {
  body { margin: 0; padding: 0; max-width: none; font-size: 12px; }
  table { font-size: 10px; }
  .mono { font-size: 9.5px; }
  nav { break-after: page; }
}
`;

function toneClass(tone: Tone | undefined): string {
  return tone ? ` class="${tone}"` : '';
}

function cell(value: Cell, tag: 'td' | 'th', layout: { numeric?: boolean; nowrap?: boolean }) {
  const rich = typeof value === 'string' ? undefined : value;
  const classes = [
    rich?.mono ? 'mono' : '',
    rich?.tone ?? '',
    layout.numeric ? 'number' : '',
    layout.nowrap ? 'nowrap' : '',
  ].filter(Boolean);
  const attribute = classes.length > 0 ? ` class="${classes.join(' ')}"` : '';
  const sub = rich?.sub ? `<br><span class="mono sub">${escapeHtml(rich.sub)}</span>` : '';
  return `<${tag}${attribute}>${escapeHtml(cellText(value))}${sub}</${tag}>`;
}

function table(block: Extract<Block, { kind: 'table' }>): string {
  if (block.rows.length === 0) {
    return `<p class="empty">${escapeHtml(block.empty)}</p>`;
  }

  const numeric = new Set(block.numeric ?? []);
  const nowrap = new Set(block.nowrap ?? []);
  const head = block.headers.map((header) => `<th>${escapeHtml(header)}</th>`).join('');
  const body = block.rows
    .map(
      (row) =>
        `<tr>${row
          .map((value, at) =>
            cell(value, 'td', { numeric: numeric.has(at), nowrap: nowrap.has(at) }),
          )
          .join('')}</tr>`,
    )
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p${toneClass(block.tone)}>${escapeHtml(block.text)}</p>`;
    case 'subheading':
      return `<h3>${escapeHtml(block.text)}</h3>`;
    case 'table':
      return table(block);
    case 'fields':
      return `<table class="fields"><tbody>${block.rows
        .map(([label, value]) => `<tr><th>${escapeHtml(label)}</th>${cell(value, 'td', {})}</tr>`)
        .join('')}</tbody></table>`;
    case 'list':
      return `<ul>${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
    case 'chart': {
      const legend = block.legend
        .map(
          (entry) =>
            `<li><span class="swatch" style="background:${escapeHtml(entry.colour)}"></span>` +
            `${escapeHtml(entry.label)}</li>`,
        )
        .join('');
      return (
        `<figure><figcaption>${escapeHtml(block.key)}</figcaption>${block.svg}` +
        `<ul class="legend">${legend}</ul></figure>`
      );
    }
  }
}

/** The report as an HTML document. */
export function reportHtml(document: ReportDocument): string {
  const contents = document.sections
    .map((section) => `<li><a href="#${section.id}">${escapeHtml(section.title)}</a></li>`)
    .join('');
  const sections = document.sections
    .map(
      (section, at) =>
        `<section id="${section.id}">\n<h2>${at + 1}. ${escapeHtml(section.title)}</h2>\n` +
        `${section.blocks.map(blockHtml).join('\n')}\n</section>`,
    )
    .join('\n');

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(document.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(document.title)}</h1>
${document.byline.map((line) => `<p class="byline">${escapeHtml(line)}</p>`).join('\n')}
</header>
<nav><h2>Contents</h2><ol>${contents}</ol></nav>
${sections}
</body>
</html>
`;
}
