/**
 * The legend shared by every chart: one entry per run (or per group), in the run's colour.
 * While the crosshair is over a chart, each entry also shows its value there.
 */
import type { ChartLines } from '../../src/compare-logic/chart-lines';
import { formatNumber } from '../../src/compare-logic/value-format';
import { clear, element } from '../dom';

/** An entry: what picks its colour, and its label. */
export interface LegendItem {
  colourKey: string;
  label: string;
  colour: string;
}

/** The legend above the chart grid. */
export class ChartLegend {
  readonly element: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly list: HTMLElement;
  private readonly values = new Map<string, HTMLElement>();

  constructor() {
    this.heading = element('span', {
      className: 'legend-heading',
      attributes: { 'aria-live': 'off' },
    });
    this.list = element('ul', { className: 'legend-list' });
    this.element = element('div', {
      className: 'legend',
      attributes: { 'aria-label': 'Legend' },
      children: [this.heading, this.list],
    });
  }

  /** Shows `items`, in order. */
  setItems(items: readonly LegendItem[]): void {
    clear(this.list);
    this.values.clear();
    for (const item of items) {
      const swatch = element('span', {
        className: 'swatch',
        attributes: { 'aria-hidden': 'true' },
      });
      swatch.style.backgroundColor = item.colour;
      const value = element('span', { className: 'legend-value' });
      this.values.set(item.colourKey, value);
      this.list.append(
        element('li', {
          className: 'legend-item',
          title: item.label,
          children: [
            swatch,
            element('span', { className: 'legend-label', text: item.label }),
            value,
          ],
        }),
      );
    }
  }

  /** Shows the values of `lines` at `index`, under the heading "key @ x"; null clears them. */
  showValues(key: string, lines: ChartLines | null, index: number | null, xLabel: string): void {
    for (const value of this.values.values()) {
      value.textContent = '';
    }

    if (lines === null || index === null) {
      this.heading.textContent = '';
      return;
    }

    this.heading.textContent = `${key} @ ${xLabel}`;
    const shown = new Set(['smoothed', 'mean']);
    const hasSmoothed = lines.lines.some((line) => shown.has(line.role));
    for (const line of lines.lines) {
      const primary = hasSmoothed ? shown.has(line.role) : line.role === 'raw';
      const value = line.values[index];
      const target = this.values.get(line.colourKey);
      if (primary && target && value !== null) {
        target.textContent = formatNumber(value);
      }
    }
  }
}
