/**
 * The Table tab: every run that passes the filter, in a virtualized list. Only the rows in
 * view (plus a few either side) exist in the page, so 10,000 runs scroll as smoothly as ten.
 * Ticking a row adds the run to the selection that the charts and the explorer share.
 */
import { columnText, columnTitle, tableCsv } from '../../src/compare-logic/table-cells';
import { type ColumnRef, columnId, type RunSummary } from '../../src/extension/compare/protocol';
import type { CompareStore, StoreChange } from '../compare-store';
import { element } from '../dom';
import type { HostChannel } from '../host-channel';
import { ColumnChooser, offeredColumns, shownColumns } from './column-chooser';
import { TablePages } from './table-pages';
import { TableToolbar } from './table-toolbar';

/** Row height in CSS pixels; fixed, so a row's position is its index times this. */
const ROW_HEIGHT = 26;

/** Rows drawn beyond each edge of the view, so fast scrolling shows no blank gap. */
const OVERSCAN = 8;

function columnWidth(column: ColumnRef): number {
  if (column.kind === 'attribute') {
    return { name: 240, started: 160, status: 90, duration: 90 }[column.key] ?? 130;
  }

  return 120;
}

/** The Table tab. */
export class RunsTable {
  readonly element: HTMLElement;
  private readonly toolbar: TableToolbar;
  private readonly chooser: ColumnChooser;
  private readonly viewport: HTMLElement;
  private readonly header: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly rows: HTMLElement;
  private readonly pages: TablePages;
  private columns: ColumnRef[] = [];
  private frame = 0;
  private started = false;

  constructor(
    private readonly store: CompareStore,
    private readonly channel: HostChannel,
  ) {
    this.pages = new TablePages(
      channel,
      () => ({ filter: store.ui.table.filter, sort: store.ui.table.sort }),
      () => this.onPages(),
      (message) => this.toolbar.showMessage(message),
    );
    this.chooser = new ColumnChooser(store);
    this.toolbar = new TableToolbar(store, {
      onFilter: () => this.pages.reset(),
      onChooseColumns: () => this.chooser.toggle(),
      onExport: () => void this.exportCsv(),
      onClearSelection: () => this.setSelection([]),
    });
    this.header = element('div', {
      className: 'table-row table-header',
      attributes: { role: 'row' },
    });
    this.rows = element('div', { className: 'table-rows', attributes: { role: 'rowgroup' } });
    this.spacer = element('div', { className: 'table-spacer', children: [this.rows] });
    this.viewport = element('div', {
      className: 'table-viewport',
      attributes: { role: 'grid', 'aria-label': 'Runs', 'aria-multiselectable': 'true' },
      children: [this.header, this.spacer],
    });
    this.viewport.addEventListener('scroll', () => this.scheduleRender());
    this.viewport.addEventListener('keydown', (event) => this.onKey(event));
    new ResizeObserver(() => this.scheduleRender()).observe(this.viewport);
    this.element = element('div', {
      className: 'table-tab',
      children: [this.toolbar.element, this.chooser.element, this.viewport],
    });
  }

  /** Follows store changes; the first call fetches the first rows. */
  update(changes: ReadonlySet<StoreChange>): void {
    if (!this.started) {
      this.started = true;
      this.pages.reset();
    }

    if (changes.has('ui')) {
      this.layoutColumns();
    }

    this.scheduleRender();
  }

  /** The index changed: fetch the rows again, keeping the old ones on screen meanwhile. */
  invalidate(): void {
    this.pages.reset(true);
  }

  private onPages(): void {
    this.toolbar.showFilterError(this.pages.filterError);
    this.chooser.setColumns(offeredColumns(this.pages.columns));
    this.layoutColumns();
    this.scheduleRender();
  }

  private layoutColumns(): void {
    const { hiddenColumns, onlyDiffering, sort } = this.store.ui.table;
    this.columns = shownColumns(offeredColumns(this.pages.columns), hiddenColumns, onlyDiffering);
    const template = ['32px', ...this.columns.map((column) => `${columnWidth(column)}px`)].join(
      ' ',
    );
    const width = 32 + this.columns.reduce((sum, column) => sum + columnWidth(column), 0);
    // One custom property feeds the header and every row, so their columns always line up.
    this.viewport.style.setProperty('--table-columns', template);
    this.viewport.style.setProperty('--table-width', `${width}px`);
    const sortedId = sort ? columnId(sort.column) : null;
    this.header.replaceChildren(
      element('div', { className: 'table-cell', attributes: { role: 'columnheader' } }),
      ...this.columns.map((column) => {
        const id = columnId(column);
        const direction =
          sortedId === id ? (sort?.descending ? 'descending' : 'ascending') : 'none';
        const button = element('button', {
          className: 'sort-button',
          text: columnTitle(column),
          title: `Sort by ${columnTitle(column)}`,
          attributes: { type: 'button' },
        });
        button.addEventListener('click', () => this.sortBy(column));
        return element('div', {
          className: `table-cell sort-${direction}`,
          attributes: { role: 'columnheader', 'aria-sort': direction },
          children: [button],
        });
      }),
    );
  }

  private sortBy(column: ColumnRef): void {
    const current = this.store.ui.table.sort;
    const same = current !== null && columnId(current.column) === columnId(column);
    const sort = { column, descending: same ? !current.descending : false };
    this.store.updateUi((state) => ({ ...state, table: { ...state.table, sort } }));
    this.pages.reset();
  }

  private scheduleRender(): void {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => this.renderRows());
  }

  private renderRows(): void {
    const total = this.pages.total;
    this.spacer.style.height = `${total * ROW_HEIGHT}px`;
    this.viewport.setAttribute('aria-rowcount', String(total + 1));
    this.toolbar.showCounts(this.pages.loaded ? total : null, this.store.selection.length);
    const top = Math.max(0, this.viewport.scrollTop - this.header.offsetHeight);
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const visible = Math.ceil(this.viewport.clientHeight / ROW_HEIGHT);
    const last = Math.min(total, first + visible + OVERSCAN * 2);
    const selected = new Set(this.store.selection.map((run) => run.id));
    const focusedIndex = Number(document.activeElement?.getAttribute('data-index') ?? NaN);
    this.rows.style.transform = `translateY(${first * ROW_HEIGHT}px)`;
    const built: HTMLElement[] = [];
    for (let index = first; index < last; index += 1) {
      built.push(this.buildRow(index, this.pages.row(index), selected));
    }

    this.rows.replaceChildren(...built);
    if (Number.isFinite(focusedIndex)) {
      this.focusRow(focusedIndex);
    }
  }

  private buildRow(
    index: number,
    run: RunSummary | undefined,
    selected: ReadonlySet<string>,
  ): HTMLElement {
    const row = element('div', {
      className: 'table-row',
      attributes: { role: 'row', 'aria-rowindex': String(index + 2) },
    });
    if (!run) {
      row.append(element('div', { className: 'table-cell loading', text: 'Loading…' }));
      return row;
    }

    const checkbox = element('input', {
      attributes: {
        type: 'checkbox',
        'data-index': String(index),
        'aria-label': `Select ${run.name}`,
      },
    });
    checkbox.checked = selected.has(run.id);
    checkbox.addEventListener('change', () => this.toggle(run, checkbox.checked));
    row.classList.toggle('selected', checkbox.checked);
    row.setAttribute('aria-selected', String(checkbox.checked));
    row.append(
      element('div', {
        className: 'table-cell',
        attributes: { role: 'gridcell' },
        children: [checkbox],
      }),
      ...this.columns.map((column) => {
        const text = columnText(run, column);
        const cell = element('div', {
          className: 'table-cell',
          text,
          title: text,
          attributes: { role: 'gridcell' },
        });
        if (column.kind === 'attribute' && column.key === 'name') {
          const swatch = element('span', {
            className: 'swatch',
            attributes: { 'aria-hidden': 'true' },
          });
          swatch.style.backgroundColor = checkbox.checked
            ? this.store.colourOf(run.id)
            : 'transparent';
          cell.prepend(swatch);
        }

        return cell;
      }),
    );
    return row;
  }

  private toggle(run: RunSummary, checked: boolean): void {
    const others = this.store.selection.filter((entry) => entry.id !== run.id);
    this.setSelection(checked ? [...others, run] : others);
  }

  private setSelection(runs: RunSummary[]): void {
    this.store.setSelection(runs);
    this.channel.post({ type: 'selectionChanged', runIds: runs.map((run) => run.id) });
  }

  private onKey(event: KeyboardEvent): void {
    const index = Number((event.target as HTMLElement).getAttribute('data-index') ?? NaN);
    if (!Number.isFinite(index) || (event.key !== 'ArrowDown' && event.key !== 'ArrowUp')) {
      return;
    }

    event.preventDefault();
    const next = Math.min(
      this.pages.total - 1,
      Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)),
    );
    const rowTop = next * ROW_HEIGHT;
    const viewTop = this.viewport.scrollTop;
    const viewHeight = this.viewport.clientHeight - this.header.offsetHeight;
    if (rowTop < viewTop) {
      this.viewport.scrollTop = rowTop;
    } else if (rowTop + ROW_HEIGHT > viewTop + viewHeight) {
      this.viewport.scrollTop = rowTop + ROW_HEIGHT - viewHeight;
    }

    this.renderRows();
    this.focusRow(next);
  }

  private focusRow(index: number): void {
    const target = this.rows.querySelector<HTMLElement>(`input[data-index="${index}"]`);
    target?.focus({ preventScroll: true });
  }

  private async exportCsv(): Promise<void> {
    try {
      const runs = await this.pages.allRows();
      const content = tableCsv(runs, this.columns);
      await this.channel.request({
        type: 'export',
        format: 'csv',
        suggestedName: 'runs.csv',
        content,
      });
    } catch (error) {
      this.toolbar.showMessage(error instanceof Error ? error.message : String(error));
    }
  }
}
