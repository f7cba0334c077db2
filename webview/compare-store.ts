/**
 * The webview's state: the selected runs, the UI options, and the runs left after brushing.
 * Views subscribe to the changes they draw; UI options are saved with setState so a reload
 * or a restored panel opens as it was left.
 */
import { assignColourSlots, colourOfSlot } from '../src/compare-logic/run-colours';
import type { CompareUiState, RunSummary } from '../src/extension/compare/protocol';
import type { VsCodeApi } from './host-channel';
import { currentThemeKind } from './theme';

/** What changed, for listeners to pick what they redraw. */
export type StoreChange = 'selection' | 'summaries' | 'ui' | 'brush' | 'theme';

type Listener = (change: StoreChange) => void;

/** Holds what every view draws from. */
export class CompareStore {
  private selected: RunSummary[] = [];
  private brushed: ReadonlySet<string> | null = null;
  private slots = new Map<string, number>();
  private readonly listeners = new Set<Listener>();

  constructor(
    private uiState: CompareUiState,
    private readonly api: VsCodeApi,
  ) {}

  /** The saved UI options. */
  get ui(): CompareUiState {
    return this.uiState;
  }

  /** The selected runs, in selection order. */
  get selection(): readonly RunSummary[] {
    return this.selected;
  }

  /** The selected runs that pass the parallel-coordinates brushes: what the views show. */
  get visibleRuns(): readonly RunSummary[] {
    const brushed = this.brushed;
    return brushed ? this.selected.filter((run) => brushed.has(run.id)) : this.selected;
  }

  /** Whether brushes currently narrow the selection. */
  get isBrushed(): boolean {
    return this.brushed !== null;
  }

  /** Subscribes to changes; returns the unsubscribe. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Replaces the selection. Brushes are dropped, since they were drawn over other runs. */
  setSelection(runs: readonly RunSummary[]): void {
    this.selected = [...runs];
    this.brushed = null;
    this.slots = assignColourSlots(
      this.selected.map((run) => run.id),
      this.slots,
    );
    this.updateUi((state) => ({ ...state, selection: this.selected.map((run) => run.id) }));
    this.emit('selection');
  }

  /** Replaces the summaries of runs already selected, matched by id. */
  updateSummaries(runs: readonly RunSummary[]): void {
    const byId = new Map(runs.map((run) => [run.id, run]));
    const touched = this.selected.some((run) => byId.has(run.id));
    if (!touched) {
      return;
    }

    this.selected = this.selected.map((run) => byId.get(run.id) ?? run);
    this.emit('summaries');
  }

  /** Narrows the visible runs to `ids`, or shows the whole selection again with null. */
  setBrushed(ids: ReadonlySet<string> | null): void {
    this.brushed = ids;
    this.emit('brush');
  }

  /** Changes UI options and saves them. */
  updateUi(change: (state: CompareUiState) => CompareUiState): void {
    this.uiState = change(this.uiState);
    this.api.setState(this.uiState);
    this.emit('ui');
  }

  /** Tells views to redraw with the new theme's colours. */
  themeChanged(): void {
    this.emit('theme');
  }

  /** The run's colour in the current theme, the same in every view. */
  colourOf(runId: string, alpha = 1): string {
    return colourOfSlot(this.slots.get(runId) ?? 0, currentThemeKind(), alpha);
  }

  private emit(change: StoreChange): void {
    for (const listener of [...this.listeners]) {
      listener(change);
    }
  }
}
