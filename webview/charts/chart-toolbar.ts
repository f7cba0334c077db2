/** The Charts tab's options: x axis, smoothing, log scale, and grouping into mean bands. */
import { unionOfKeys } from '../../src/compare-logic/run-values';
import type { BandKind, XAxisMode } from '../../src/extension/compare/protocol';
import type { CompareStore } from '../compare-store';
import { type Choice, checkboxControl, selectControl, toolbar } from '../controls';
import { element } from '../dom';

const X_AXES: Choice[] = [
  { value: 'step', label: 'Step' },
  { value: 'wallTime', label: 'Wall time' },
  { value: 'relativeTime', label: 'Time since start' },
];

const BANDS: Choice[] = [
  { value: 'minMax', label: 'Min–max band' },
  { value: 'std', label: '±1 std band' },
];

const NO_GROUP = '';

/** The toolbar above the chart grid; it writes the store's chart options. */
export class ChartToolbar {
  readonly element: HTMLElement;
  private readonly groupBy: ReturnType<typeof selectControl>;
  private readonly band: ReturnType<typeof selectControl>;

  constructor(private readonly store: CompareStore) {
    const options = store.ui.charts;
    const update = (change: Partial<typeof options>): void =>
      store.updateUi((state) => ({ ...state, charts: { ...state.charts, ...change } }));

    const xAxis = selectControl('X axis', X_AXES, options.xAxis, (value) =>
      update({ xAxis: value as XAxisMode }),
    );
    this.groupBy = selectControl('Group by', [], NO_GROUP, (value) =>
      update({ groupBy: value === NO_GROUP ? null : value }),
    );
    this.band = selectControl('Band', BANDS, options.band, (value) =>
      update({ band: value as BandKind }),
    );
    const logScale = checkboxControl('Log y', options.logScale, (checked) =>
      update({ logScale: checked }),
    );

    this.element = toolbar('Chart options', [
      xAxis.element,
      this.smoothingControl(update),
      logScale,
      this.groupBy.element,
      this.band.element,
    ]);
    this.refreshGroups();
  }

  /** Offers the params of the visible runs as groupings. */
  refreshGroups(): void {
    const keys = unionOfKeys(this.store.visibleRuns, (run) => run.params);
    const current = this.store.ui.charts.groupBy;
    const choices = [
      { value: NO_GROUP, label: 'None' },
      ...keys.map((key) => ({ value: key, label: key })),
    ];
    this.groupBy.setChoices(
      choices,
      current !== null && keys.includes(current) ? current : NO_GROUP,
    );
    this.band.element.hidden = current === null;
  }

  private smoothingControl(update: (change: { smoothing: number }) => void): HTMLElement {
    const id = 'smoothing-slider';
    const slider = element('input', {
      attributes: {
        id,
        type: 'range',
        min: '0',
        max: '0.99',
        step: '0.01',
        'aria-describedby': 'smoothing-value',
      },
    });
    slider.value = String(this.store.ui.charts.smoothing);
    const shown = element('output', { attributes: { id: 'smoothing-value', for: id } });
    const describe = (): void => {
      const weight = Number(slider.value);
      shown.textContent = weight === 0 ? 'off' : weight.toFixed(2);
    };
    describe();
    let pending = 0;
    slider.addEventListener('input', () => {
      describe();
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(() => update({ smoothing: Number(slider.value) }));
    });
    return element('div', {
      className: 'control smoothing',
      children: [
        element('vscode-label', { text: 'Smoothing', attributes: { for: id } }),
        slider,
        shown,
      ],
    });
  }
}
