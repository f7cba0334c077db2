/**
 * Markup and links as run names, params, tags, notes and metric keys: the tooltip's Markdown
 * (rendered by a real Markdown renderer), the HTML and Markdown reports, the CLI's text,
 * JSON and CSV all show them as text, and nothing in them becomes an element, a link or an
 * escape sequence. The workbench and the Compare webview are checked by the tests named in
 * COVERED_ELSEWHERE.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { runTooltipMarkdown } from '../../src/extension/explorer/run-tooltip';
import type { RunRecord } from '../../src/runindex/run-records';
import { MARKUP } from './corpus';
import { HostileFolder, rawControlCharacters } from './hostile-helpers';
import { readHtml, type RenderedHtml, renderMarkdown } from './rendered-markup';

/** What a tooltip may be made of: bold text and tables, nothing that links or loads. */
const TOOLTIP_ELEMENTS = new Set(['p', 'strong', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);

const CONTROL = /[\u0000-\u001f\u007f]/;

/** Characters JSON may hold raw that a terminal would not show: separators, bidi overrides. */
const INVISIBLE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** A value on one line, as a tooltip must show it: every kind of line break a space. */
function folded(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ');
}

/** Fails when the HTML runs script, loads anything or links anywhere but inside itself. */
function assertInert(html: RenderedHtml, what: string): void {
  for (const { tag, attributes } of html.elements) {
    assert.notEqual(tag, 'script', `${what} has a script element`);
    for (const [name, value] of attributes) {
      assert.doesNotMatch(name, /^on/, `${what} has an event handler on <${tag}>`);
      if (name === 'href' || name === 'src') {
        assert.match(value, /^(#|data:image\/svg\+xml;base64,)/, `${what} links to ${value}`);
      }
    }
  }
}

/** The cells of RFC 4180 CSV text. */
function csvCells(csv: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < csv.length; index += 1) {
    const char = csv[index] as string;
    if (quoted) {
      if (char === '"' && csv[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        cell += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',' || char === '\n') {
      cells.push(cell.replace(/\r$/, ''));
      cell = '';
    } else {
      cell += char;
    }
  }

  return cells;
}

/** Makes one run per case through the Node SDK, and a note on each through the CLI. */
async function hostileRuns(store: HostileFolder): Promise<string[]> {
  const texts = JSON.stringify(MARKUP.map((entry) => entry.input.text));
  const made = await store.node(
    [
      `const ids = [];`,
      `for (const text of ${texts}) {`,
      `  const key = /[\\u0000-\\u001f\\u007f]/.test(text) ? 'loss' : text;`,
      `  const run = labbook.init({ name: text, params: { p: text }, tags: { t: text } });`,
      `  run.log({ [key]: 0.5 });`,
      `  run.finish();`,
      `  ids.push(run.id);`,
      `}`,
      `process.stdout.write(JSON.stringify(ids));`,
    ].join('\n'),
  );
  assert.equal(made.code, 0, made.stderr);
  const ids = JSON.parse(made.stdout) as string[];
  for (const [at, id] of ids.entries()) {
    await store.ok(['note', id, (MARKUP[at] as (typeof MARKUP)[number]).input.text]);
  }

  return ids;
}

describe('hostile input: markup and links', function () {
  this.timeout(120_000);
  const store = new HostileFolder();
  let ids: string[] = [];
  let records: RunRecord[] = [];
  let listedText = '';
  let listed: Record<string, unknown>[] = [];
  let csv: string[] = [];

  after(() => store.remove());

  before(async () => {
    ids = await hostileRuns(store);
    const index = await store.index();
    try {
      records = index.listRuns();
    } finally {
      index.close();
    }

    listedText = (await store.ok(['ls', '--json'])).stdout;
    listed = JSON.parse(listedText) as Record<string, unknown>[];
    csv = csvCells((await store.ok(['export'])).stdout);
  });

  MARKUP.forEach((entry, at) => {
    const { text } = entry.input;
    it(`${entry.name}: ${entry.expected}`, async () => {
      const id = ids[at] as string;
      const record = records.find((run) => run.id === id);
      assert.ok(record, `run ${id} is not in the index`);

      const tooltip = renderMarkdown(runTooltipMarkdown(record));
      for (const { tag, attributes } of tooltip.elements) {
        assert.ok(TOOLTIP_ELEMENTS.has(tag), `the tooltip made a <${tag}>`);
        assert.deepEqual([...attributes.keys()], [], `the tooltip's <${tag}> has attributes`);
      }

      assert.ok(tooltip.text.includes(folded(text).slice(0, 60)), tooltip.text);
      const rows = tooltip.elements.filter((element) => element.tag === 'tr').length;
      assert.equal(rows, 4, 'a header and one row for the param, and the same for the metric');

      for (const format of ['html', 'md']) {
        const out = join(store.folder, `report-${at}.${format}`);
        await store.ok(['report', '--run', id, '--filter', `id = "${id}"`, '--out', out]);
        const written = readFileSync(out, 'utf8');
        const html = format === 'html' ? readHtml(written) : renderMarkdown(written);
        assertInert(html, `the ${format} report`);
        if (!CONTROL.test(text)) {
          // Markdown has no way to keep a line break inside a table cell; HTML keeps it.
          const shown = format === 'md' ? text.replace(/[\u0085\u2028\u2029]+/g, ' ') : text;
          assert.ok(html.text.includes(shown), `the ${format} report does not show the name`);
        }
      }

      const shown = await store.ok(['show', id]);
      assert.deepEqual(rawControlCharacters(shown.stdout + shown.stderr), []);

      assert.doesNotMatch(listedText, INVISIBLE, 'JSON output holds a raw invisible character');
      const json = listed.find((run) => run.id === id) as Record<string, unknown>;
      assert.equal(json.name, text);
      assert.deepEqual(json.params, { p: text });
      assert.deepEqual(json.tags, { t: text });

      assert.ok(csv.includes(/^[=+@\t\r-]/.test(text) ? `'${text}` : text), 'not in the CSV');
      assert.deepEqual(
        csv.filter((cell) => /^[=+@]/.test(cell)),
        [],
        'a CSV cell would run as a formula',
      );
    });
  });
});
