/**
 * Which columns the runs table shows: the attributes, then every param, tag and metric the
 * host reports, minus those the user hid, and, with "only columns that differ", minus those
 * equal across the filtered runs.
 */
import { columnTitle } from '../../src/compare-logic/table-cells';
import { type ColumnRef, columnId, type TableColumn } from '../../src/extension/compare/protocol';
import type { CompareStore } from '../compare-store';
import { checkboxControl } from '../controls';
import { clear, element } from '../dom';

const ATTRIBUTE_COLUMNS: TableColumn[] = [
  'name',
  'experiment',
  'status',
  'started',
  'duration',
].map((key) => ({ kind: 'attribute', key, differs: true }));

/** Every column on offer: the attributes first, then the host's columns in its order. */
export function offeredColumns(hostColumns: readonly TableColumn[]): TableColumn[] {
  const byId = new Map<string, TableColumn>();
  for (const column of [...ATTRIBUTE_COLUMNS, ...hostColumns]) {
    byId.set(columnId(column), { ...byId.get(columnId(column)), ...column });
  }

  return [...byId.values()];
}

/** The columns to show under the saved choices. The name always shows. */
export function shownColumns(
  offered: readonly TableColumn[],
  hidden: readonly string[],
  onlyDiffering: boolean,
): ColumnRef[] {
  const hiddenIds = new Set(hidden);
  return offered.filter((column) => {
    if (column.kind === 'attribute' && column.key === 'name') {
      return true;
    }

    return !hiddenIds.has(columnId(column)) && (!onlyDiffering || column.differs);
  });
}

/** A panel of checkboxes, one per column, that writes the hidden columns to the store. */
export class ColumnChooser {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly search: HTMLInputElement;
  private offered: TableColumn[] = [];

  constructor(private readonly store: CompareStore) {
    this.search = element('input', {
      className: 'text-input',
      attributes: { type: 'search', placeholder: 'Find a column', 'aria-label': 'Find a column' },
    });
    this.search.addEventListener('input', () => this.renderList());
    this.list = element('div', { className: 'column-list', attributes: { role: 'group' } });
    this.element = element('div', {
      className: 'column-chooser',
      attributes: { role: 'dialog', 'aria-label': 'Choose columns' },
      children: [this.search, this.list],
    });
    this.element.hidden = true;
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        this.element.hidden = true;
      }
    });
  }

  /** Shows or hides the panel. */
  toggle(): void {
    this.element.hidden = !this.element.hidden;
    if (!this.element.hidden) {
      this.renderList();
      this.search.focus();
    }
  }

  /** Offers these columns. */
  setColumns(columns: TableColumn[]): void {
    this.offered = columns;
    if (!this.element.hidden) {
      this.renderList();
    }
  }

  private renderList(): void {
    const needle = this.search.value.trim().toLowerCase();
    const hidden = new Set(this.store.ui.table.hiddenColumns);
    clear(this.list);
    for (const column of this.offered) {
      const title = columnTitle(column);
      if (needle && !title.toLowerCase().includes(needle)) {
        continue;
      }

      const id = columnId(column);
      const checkbox = checkboxControl(title, !hidden.has(id), (checked) =>
        this.store.updateUi((state) => {
          const rest = state.table.hiddenColumns.filter((entry) => entry !== id);
          return {
            ...state,
            table: { ...state.table, hiddenColumns: checked ? rest : [...rest, id] },
          };
        }),
      );
      checkbox.disabled = column.kind === 'attribute' && column.key === 'name';
      this.list.append(checkbox);
    }
  }
}
