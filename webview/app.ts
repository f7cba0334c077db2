/**
 * The Compare panel's shell: four tabs over one store, wired to the host. Only the tab in
 * view redraws; the others collect what changed and catch up when shown, so a hidden chart
 * grid never lays itself out at zero width.
 */
import { COMPARE_PROTOCOL_VERSION, type CompareTab } from '../src/extension/compare/protocol';
import { readUiState } from '../src/extension/compare/protocol-validation';
import { ChartGrid } from './charts/chart-grid';
import { CompareStore, type StoreChange } from './compare-store';
import { DiffView } from './diff/diff-view';
import { element } from './dom';
import { HostChannel, type HostNotification, type VsCodeApi } from './host-channel';
import { ParamsView } from './params/params-view';
import { RunsTable } from './table/runs-table';
import { watchTheme } from './theme';

interface TabView {
  readonly element: HTMLElement;
  update(changes: ReadonlySet<StoreChange>): void;
}

interface Tab {
  id: CompareTab;
  title: string;
  view: TabView;
  pending: Set<StoreChange>;
}

/** Starts the panel in `root`. */
export class CompareApp {
  private readonly store: CompareStore;
  private readonly channel: HostChannel;
  private readonly charts: ChartGrid;
  private readonly table: RunsTable;
  private readonly tabs: Tab[];
  private readonly notice: HTMLElement;
  private active: CompareTab;

  constructor(
    private readonly root: HTMLElement,
    api: VsCodeApi,
  ) {
    const state = readUiState(api.getState());
    this.active = state.tab;
    this.store = new CompareStore(state, api);
    this.channel = new HostChannel(api, (message) => this.receive(message));
    this.charts = new ChartGrid(this.store, this.channel);
    this.table = new RunsTable(this.store, this.channel);
    const views: [CompareTab, string, TabView][] = [
      ['charts', 'Charts', this.charts],
      ['table', 'Table', this.table],
      ['diff', 'Diff', new DiffView(this.store, this.channel)],
      ['params', 'Params → Metric', new ParamsView(this.store, this.channel)],
    ];
    this.tabs = views.map(([id, title, view]) => ({
      id,
      title,
      view,
      pending: new Set<StoreChange>(),
    }));
    this.notice = element('p', { className: 'notice', attributes: { role: 'alert' } });
    this.notice.hidden = true;
    this.root.replaceChildren(this.notice, this.tabElement());
    this.store.subscribe((change) => this.onChange(change));
    watchTheme(() => this.store.themeChanged());
    this.channel.post({ type: 'ready', protocolVersion: COMPARE_PROTOCOL_VERSION });
  }

  private tabElement(): HTMLElement {
    const tabs = document.createElement('vscode-tabs');
    tabs.selectedIndex = Math.max(
      0,
      this.tabs.findIndex((tab) => tab.id === this.active),
    );
    for (const tab of this.tabs) {
      const header = element('vscode-tab-header', {
        text: tab.title,
        attributes: { slot: 'header', 'data-tab': tab.id },
      });
      const panel = element('vscode-tab-panel', {
        attributes: { 'data-tab': tab.id },
        children: [tab.view.element],
      });
      tabs.append(header, panel);
    }

    tabs.addEventListener('vsc-tabs-select', (event) => {
      const index = (event as CustomEvent<{ selectedIndex: number }>).detail.selectedIndex;
      const tab = this.tabs[index];
      if (!tab || tab.id === this.active) {
        return;
      }

      this.active = tab.id;
      this.store.updateUi((state) => ({ ...state, tab: tab.id }));
      // The panel becomes visible on the tabs' next render; draw once it has a size.
      requestAnimationFrame(() => this.flush(tab));
    });
    return tabs;
  }

  private onChange(change: StoreChange): void {
    for (const tab of this.tabs) {
      tab.pending.add(change);
    }

    const active = this.tabs.find((tab) => tab.id === this.active);
    if (active) {
      queueMicrotask(() => this.flush(active));
    }
  }

  private flush(tab: Tab): void {
    if (tab.pending.size === 0 || tab.id !== this.active) {
      return;
    }

    const changes = new Set(tab.pending);
    tab.pending.clear();
    try {
      tab.view.update(changes);
    } catch (error) {
      this.showNotice(
        `The ${tab.title} tab failed to draw: ` +
          `${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private receive(message: HostNotification): void {
    switch (message.type) {
      case 'init':
        if (message.protocolVersion !== COMPARE_PROTOCOL_VERSION) {
          this.showNotice(
            'This panel and the Labbook extension are from different versions: ' +
              'close the panel and open it again.',
          );
          return;
        }

        this.root.setAttribute('aria-busy', 'false');
        this.store.setSelection(message.runs);
        return;
      case 'selectionChanged':
        this.store.setSelection(message.runs);
        return;
      case 'runsUpdated':
        this.store.updateSummaries(message.runs);
        return;
      case 'pointsAppended':
        this.charts.append(message);
        return;
      case 'tableInvalidated':
        this.table.invalidate();
        return;
    }
  }

  private showNotice(text: string): void {
    this.notice.hidden = false;
    this.notice.textContent = text;
    this.channel.log('error', text);
  }
}
