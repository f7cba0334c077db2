/**
 * The Params → Metric tab: a scatter of one param against a metric, and parallel coordinates
 * of chosen params and the same metric. Brushes on the parallel axes narrow the runs every
 * tab shows, and the host hears of it as a selection change.
 */
import { allDiffRows } from '../../src/compare-logic/run-diff';
import { metricOf, paramOf, unionOfKeys } from '../../src/compare-logic/run-values';
import type { CompareUiState } from '../../src/extension/compare/protocol';
import type { CompareStore, StoreChange } from '../compare-store';
import { type Choice, checkboxControl, selectControl, textButton, toolbar } from '../controls';
import { clear, element } from '../dom';
import type { HostChannel } from '../host-channel';
import { type ParallelAxis, ParallelPlot } from './parallel-plot';
import { scatterPlot } from './scatter-plot';

/** Axes chosen for the user until they choose: the params that differ, at most this many. */
const DEFAULT_AXES = 6;

/** The Params → Metric tab. */
export class ParamsView {
  readonly element: HTMLElement;
  private readonly controls: HTMLElement;
  private readonly scatter: HTMLElement;
  private readonly axesList: HTMLElement;
  private readonly parallel: ParallelPlot;
  private readonly message: HTMLElement;
  private readonly paramSelect: ReturnType<typeof selectControl>;
  private readonly metricSelect: ReturnType<typeof selectControl>;

  constructor(
    private readonly store: CompareStore,
    private readonly channel: HostChannel,
  ) {
    this.controls = toolbar('Plot options', []);
    this.scatter = element('figure', { className: 'plot-figure' });
    this.axesList = element('div', {
      className: 'axes-list',
      attributes: { role: 'group', 'aria-label': 'Parallel axes' },
    });
    this.parallel = new ParallelPlot((passing) => this.onBrush(passing));
    this.message = element('p', { className: 'empty-message', attributes: { role: 'status' } });
    this.element = element('div', {
      className: 'params-tab',
      children: [
        this.controls,
        this.message,
        this.scatter,
        element('h3', { className: 'plot-heading', text: 'Parallel coordinates' }),
        this.axesList,
        element('figure', { className: 'plot-figure', children: [this.parallel.element] }),
      ],
    });
    const update = (change: Partial<CompareUiState['params']>): void =>
      store.updateUi((state) => ({ ...state, params: { ...state.params, ...change } }));
    this.paramSelect = selectControl('Param (x)', [], '', (value) =>
      update({ scatterParam: value }),
    );
    this.metricSelect = selectControl('Metric (last value)', [], '', (value) =>
      update({ metric: value }),
    );
    this.controls.append(
      this.paramSelect.element,
      this.metricSelect.element,
      textButton('Clear brushes', 'clear-all', () => this.parallel.clearBrushes()),
    );
  }

  /** Redraws after store changes; a brush only changes the scatter. */
  update(changes: ReadonlySet<StoreChange>): void {
    if (changes.size === 1 && changes.has('brush')) {
      const { params, metrics, scatterParam, metric } = this.currentChoice();
      if (params.length > 0 && metrics.length > 0) {
        this.renderScatter(scatterParam, metric);
      }

      return;
    }

    this.render();
  }

  private render(): void {
    const runs = this.store.selection;
    const { params, metrics, scatterParam, metric } = this.currentChoice();
    this.message.textContent =
      runs.length === 0
        ? 'Select runs to relate their params to a metric.'
        : params.length === 0 || metrics.length === 0
          ? 'The selected runs need params and metrics for these plots.'
          : '';
    this.element.classList.toggle('empty', this.message.textContent !== '');
    if (this.message.textContent) {
      clear(this.scatter);
      clear(this.axesList);
      this.parallel.draw([], [], () => '');
      return;
    }

    const toChoices = (keys: string[]): Choice[] => keys.map((key) => ({ value: key, label: key }));
    this.paramSelect.setChoices(toChoices(params), scatterParam);
    this.metricSelect.setChoices(toChoices(metrics), metric);
    this.renderScatter(scatterParam, metric);
    const axes = this.chosenAxes(params);
    this.renderAxesList(params, axes);
    const parallelAxes: ParallelAxis[] = [
      ...axes.map((key): ParallelAxis => ({
        id: `param:${key}`,
        title: key,
        read: (run) => paramOf(run, key),
      })),
      { id: `metric:${metric}`, title: `${metric} (last)`, read: (run) => metricOf(run, metric) },
    ];
    this.parallel.draw(runs, parallelAxes, (runId) => this.store.colourOf(runId));
  }

  private currentChoice(): {
    params: string[];
    metrics: string[];
    scatterParam: string;
    metric: string;
  } {
    const runs = this.store.selection;
    const params = unionOfKeys(runs, (run) => run.params);
    const metrics = unionOfKeys(runs, (run) => run.metrics);
    const options = this.store.ui.params;
    const pick = (saved: string | null, keys: string[]): string =>
      saved !== null && keys.includes(saved) ? saved : (keys[0] ?? '');
    return {
      params,
      metrics,
      scatterParam: pick(options.scatterParam, params),
      metric: pick(options.metric, metrics),
    };
  }

  private chosenAxes(params: string[]): string[] {
    const chosen = this.store.ui.params.axes.filter((key) => params.includes(key));
    if (chosen.length > 0) {
      return chosen;
    }

    const differing = allDiffRows(this.store.selection)
      .filter((row) => row.section === 'params' && row.differs)
      .map((row) => row.key);
    return (differing.length > 0 ? differing : params).slice(0, DEFAULT_AXES);
  }

  private renderScatter(param: string, metric: string): void {
    const runs = this.store.visibleRuns;
    this.scatter.replaceChildren(
      scatterPlot(runs, param, metric, (runId) => this.store.colourOf(runId)),
      element('figcaption', { text: `${runs.length} run${runs.length === 1 ? '' : 's'}` }),
    );
  }

  private renderAxesList(params: string[], axes: string[]): void {
    clear(this.axesList);
    for (const key of params) {
      this.axesList.append(
        checkboxControl(key, axes.includes(key), (checked) => {
          const next = checked ? [...axes, key] : axes.filter((entry) => entry !== key);
          this.store.updateUi((state) => ({ ...state, params: { ...state.params, axes: next } }));
        }),
      );
    }
  }

  private onBrush(passing: ReadonlySet<string> | null): void {
    this.store.setBrushed(passing);
    const runIds = passing ? [...passing] : this.store.selection.map((run) => run.id);
    this.channel.post({ type: 'selectionChanged', runIds });
  }
}
