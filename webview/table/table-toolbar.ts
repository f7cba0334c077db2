/**
 * The Table tab's toolbar: the filter in the query language (with the parser's error shown
 * under it, pointing at the place), the column chooser, "only columns that differ", counts,
 * and CSV export.
 */
import type { VscodeTextfield } from '@vscode-elements/elements';

import type { FilterError } from '../../src/extension/compare/protocol';
import type { CompareStore } from '../compare-store';
import { checkboxControl, textButton, toolbar } from '../controls';
import { element, iconButton } from '../dom';

/** What the toolbar asks of the table. */
export interface TableToolbarActions {
  onFilter(): void;
  onChooseColumns(): void;
  onExport(): void;
  onClearSelection(): void;
}

/** Waits this long after the last keystroke before filtering, so typing stays responsive. */
const FILTER_DELAY_MS = 350;

/** The Table tab's toolbar. */
export class TableToolbar {
  readonly element: HTMLElement;
  private readonly field: VscodeTextfield;
  private readonly error: HTMLElement;
  private readonly counts: HTMLElement;

  constructor(
    private readonly store: CompareStore,
    actions: TableToolbarActions,
  ) {
    this.field = document.createElement('vscode-textfield');
    this.field.value = store.ui.table.filter;
    this.field.setAttribute(
      'placeholder',
      'Filter, e.g. metrics.loss < 0.2 and params.optimizer = "adam"',
    );
    this.field.setAttribute('aria-label', 'Filter runs');
    this.field.className = 'filter-field';
    let timer = 0;
    const apply = (): void => {
      window.clearTimeout(timer);
      if (this.field.value === this.store.ui.table.filter) {
        return;
      }

      this.store.updateUi((state) => ({
        ...state,
        table: { ...state.table, filter: this.field.value },
      }));
      actions.onFilter();
    };
    this.field.addEventListener('input', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(apply, FILTER_DELAY_MS);
    });
    this.field.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        apply();
      }
    });

    const onlyDiffering = checkboxControl(
      'Only columns that differ',
      store.ui.table.onlyDiffering,
      (checked) =>
        store.updateUi((state) => ({
          ...state,
          table: { ...state.table, onlyDiffering: checked },
        })),
    );
    this.counts = element('span', { className: 'counts', attributes: { role: 'status' } });
    this.error = element('div', { className: 'filter-error', attributes: { role: 'alert' } });
    this.error.hidden = true;
    this.element = element('div', {
      className: 'table-toolbar',
      children: [
        toolbar('Table options', [
          this.field,
          iconButton('list-selection', 'Choose columns', actions.onChooseColumns),
          onlyDiffering,
          this.counts,
          textButton('Clear selection', 'clear-all', actions.onClearSelection),
          textButton('Export CSV', 'export', actions.onExport),
        ]),
        this.error,
      ],
    });
  }

  /** Shows the parser's error under the field, with a caret under the offending place. */
  showFilterError(error: FilterError | null): void {
    this.field.invalid = error !== null;
    this.error.hidden = error === null;
    if (error === null) {
      this.error.replaceChildren();
      return;
    }

    const filter = this.store.ui.table.filter;
    const position = Math.min(Math.max(0, error.position), filter.length);
    this.error.replaceChildren(
      element('span', { className: 'filter-error-message', text: error.message }),
      element('pre', {
        className: 'filter-error-pointer',
        text: `${filter}\n${' '.repeat(position)}^`,
      }),
    );
  }

  /** Shows a problem that is not the filter's, such as a failed request. */
  showMessage(message: string): void {
    this.error.hidden = false;
    this.error.replaceChildren(
      element('span', { className: 'filter-error-message', text: message }),
    );
  }

  /** Shows how many runs pass the filter and how many are selected. */
  showCounts(total: number | null, selected: number): void {
    const runs =
      total === null ? 'Loading runs…' : `${total.toLocaleString()} run${total === 1 ? '' : 's'}`;
    this.counts.textContent = `${runs} · ${selected} selected`;
  }
}
