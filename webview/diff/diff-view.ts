/**
 * The Diff tab: the visible runs side by side, key by key, with only the differences by
 * default and a count of the equal keys hidden. Each run after the first has buttons that ask
 * the host to open VS Code's diff editor against the first run.
 */
import { DIFF_SECTIONS, type DiffRow, diffRuns } from '../../src/compare-logic/run-diff';
import { sameValue } from '../../src/compare-logic/run-values';
import { formatNumber, formatTimestamp, formatValue } from '../../src/compare-logic/value-format';
import type { DiffDocument, RunSummary } from '../../src/extension/compare/protocol';
import type { CompareStore, StoreChange } from '../compare-store';
import { checkboxControl, toolbar } from '../controls';
import { codicon, element } from '../dom';
import type { HostChannel } from '../host-channel';

const SECTION_TITLES: Record<(typeof DIFF_SECTIONS)[number], string> = {
  attributes: 'Attributes',
  params: 'Params',
  tags: 'Tags',
  git: 'Git',
  env: 'Environment',
  metrics: 'Metric summaries',
};

const DOCUMENTS: { document: DiffDocument; label: string; icon: string }[] = [
  { document: 'patch', label: 'Patch', icon: 'git-compare' },
  { document: 'config', label: 'Config', icon: 'settings-gear' },
  { document: 'stdout', label: 'Stdout', icon: 'output' },
];

/** The Diff tab. */
export class DiffView {
  readonly element: HTMLElement;
  private readonly hiddenCount: HTMLElement;
  private readonly body: HTMLElement;

  constructor(
    private readonly store: CompareStore,
    private readonly channel: HostChannel,
  ) {
    const onlyDifferences = checkboxControl(
      'Only differences',
      store.ui.diff.onlyDifferences,
      (checked) => store.updateUi((state) => ({ ...state, diff: { onlyDifferences: checked } })),
    );
    onlyDifferences.classList.add('only-differences');
    this.hiddenCount = element('span', {
      className: 'hidden-count',
      attributes: { role: 'status' },
    });
    this.body = element('div', { className: 'diff-body' });
    this.element = element('div', {
      className: 'diff-tab',
      children: [toolbar('Diff options', [onlyDifferences, this.hiddenCount]), this.body],
    });
  }

  /** Redraws after store changes. */
  update(_changes: ReadonlySet<StoreChange>): void {
    this.render();
  }

  private render(): void {
    const runs = this.store.visibleRuns;
    if (runs.length < 2) {
      this.hiddenCount.textContent = '';
      this.body.replaceChildren(
        element('p', {
          className: 'empty-message',
          text: 'Select two or more runs to compare them key by key.',
        }),
      );
      return;
    }

    const diff = diffRuns(runs, this.store.ui.diff.onlyDifferences);
    this.hiddenCount.textContent =
      diff.hiddenEqual > 0
        ? `${diff.hiddenEqual} equal key${diff.hiddenEqual === 1 ? '' : 's'} hidden`
        : '';
    const table = element('table', {
      className: runs.length > 4 ? 'diff-table many-runs' : 'diff-table',
      children: [this.head(runs), ...this.sections(diff.rows, runs.length)],
    });
    this.body.replaceChildren(table);
  }

  private head(runs: readonly RunSummary[]): HTMLElement {
    const cells = runs.map((run, index) => {
      const swatch = element('span', {
        className: 'swatch',
        attributes: { 'aria-hidden': 'true' },
      });
      swatch.style.backgroundColor = this.store.colourOf(run.id);
      const name = element('span', { className: 'run-name', text: run.name, title: run.id });
      const heading = element('span', { className: 'run-heading', children: [swatch, name] });
      const buttons =
        index === 0
          ? element('span', { className: 'diff-reference', text: 'reference' })
          : element('span', {
              className: 'diff-buttons',
              children: DOCUMENTS.map((entry) => this.diffButton(entry, runs[0], run)),
            });
      return element('th', { attributes: { scope: 'col' }, children: [heading, buttons] });
    });
    return element('thead', {
      children: [
        element('tr', {
          children: [element('th', { text: 'Key', attributes: { scope: 'col' } }), ...cells],
        }),
      ],
    });
  }

  private diffButton(
    entry: (typeof DOCUMENTS)[number],
    reference: RunSummary,
    run: RunSummary,
  ): HTMLButtonElement {
    const label = `Open the ${entry.label.toLowerCase()} diff of ${reference.name} and ${run.name}`;
    const button = element('button', {
      className: 'link-button',
      title: label,
      attributes: { type: 'button', 'aria-label': label },
      children: [
        codicon(entry.icon),
        element('span', { className: 'button-text', text: entry.label }),
      ],
    });
    button.addEventListener('click', () =>
      this.channel.post({
        type: 'openDiff',
        document: entry.document,
        leftRunId: reference.id,
        rightRunId: run.id,
      }),
    );
    return button;
  }

  private sections(rows: readonly DiffRow[], runCount: number): HTMLElement[] {
    return DIFF_SECTIONS.flatMap((section) => {
      const inSection = rows.filter((row) => row.section === section);
      if (inSection.length === 0) {
        return [];
      }

      const title = element('tr', {
        className: 'section-row',
        children: [
          element('th', {
            text: SECTION_TITLES[section],
            attributes: { colspan: String(runCount + 1), scope: 'colgroup' },
          }),
        ],
      });
      return [
        element('tbody', {
          attributes: { 'data-section': section },
          children: [title, ...inSection.map((row) => this.row(row))],
        }),
      ];
    });
  }

  private row(row: DiffRow): HTMLElement {
    const key = row.field ? `${row.key} (${row.field})` : row.key;
    const timestamp =
      row.section === 'attributes' && (row.key === 'started' || row.key === 'ended');
    const cells = row.values.map((value, index) => {
      const text =
        timestamp && typeof value === 'string' ? formatTimestamp(value) : formatValue(value);
      const cell = element('td', { text, title: text });
      if (row.differs && index > 0 && !sameValue(value, row.values[0])) {
        cell.classList.add('changed');
      }

      const delta = row.deltas?.[index];
      if (index > 0 && delta !== undefined && delta !== null && delta !== 0) {
        const sign = delta > 0 ? '+' : '−';
        cell.append(
          element('span', { className: 'delta', text: ` ${sign}${formatNumber(Math.abs(delta))}` }),
        );
      }

      return cell;
    });
    return element('tr', {
      className: row.differs ? 'differs' : 'equal',
      attributes: { 'data-key': row.key, ...(row.field ? { 'data-field': row.field } : {}) },
      children: [element('th', { text: key, title: key, attributes: { scope: 'row' } }), ...cells],
    });
  }
}
