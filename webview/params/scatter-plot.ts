/** A scatter of one param (x) against one metric summary (y), one dot per run. */
import {
  type AxisScale,
  labelAt,
  positionOf,
  scaleOf,
} from '../../src/compare-logic/parallel-axes';
import { metricOf, paramOf } from '../../src/compare-logic/run-values';
import { formatValue } from '../../src/compare-logic/value-format';
import type { RunSummary } from '../../src/extension/compare/protocol';
import { svgElement } from '../dom';
import { svgText, tickPositions } from './svg-axes';

const WIDTH = 560;
const HEIGHT = 300;
const MARGIN = { left: 64, right: 16, top: 28, bottom: 40 };

/** Draws the scatter as a new SVG element. */
export function scatterPlot(
  runs: readonly RunSummary[],
  param: string,
  metric: string,
  colourOf: (runId: string) => string,
): SVGSVGElement {
  const svg = svgElement('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    width: WIDTH,
    height: HEIGHT,
    class: 'scatter-plot',
    role: 'img',
    'aria-label': `Scatter of ${param} against ${metric}`,
  });
  const xScale = scaleOf(runs.map((run) => paramOf(run, param)));
  const yScale = scaleOf(runs.map((run) => metricOf(run, metric)));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const toX = (position: number): number => MARGIN.left + position * plotWidth;
  const toY = (position: number): number => MARGIN.top + (1 - position) * plotHeight;

  drawAxes(svg, xScale, yScale, toX, toY, param, metric);
  for (const run of runs) {
    const x = positionOf(xScale, paramOf(run, param));
    const y = positionOf(yScale, metricOf(run, metric));
    if (x === null || y === null) {
      continue;
    }

    const dot = svgElement('circle', {
      cx: toX(x),
      cy: toY(y),
      r: 5,
      class: 'scatter-dot',
      tabindex: 0,
    });
    dot.setAttribute('fill', colourOf(run.id));
    const label =
      `${run.name}: ${param} = ${formatValue(paramOf(run, param))}, ` +
      `${metric} = ${formatValue(metricOf(run, metric))}`;
    dot.setAttribute('aria-label', label);
    const title = svgElement('title');
    title.textContent = label;
    dot.append(title);
    svg.append(dot);
  }

  return svg;
}

function drawAxes(
  svg: SVGSVGElement,
  xScale: AxisScale,
  yScale: AxisScale,
  toX: (position: number) => number,
  toY: (position: number) => number,
  param: string,
  metric: string,
): void {
  const bottom = toY(0);
  svg.append(
    svgElement('line', { x1: toX(0), x2: toX(1), y1: bottom, y2: bottom, class: 'axis-line' }),
  );
  svg.append(
    svgElement('line', { x1: toX(0), x2: toX(0), y1: toY(1), y2: bottom, class: 'axis-line' }),
  );
  for (const position of tickPositions(xScale, 6)) {
    svg.append(
      svgText(labelAt(xScale, position), {
        x: toX(position),
        y: bottom + 16,
        class: 'tick-label',
        'text-anchor': 'middle',
      }),
    );
  }

  for (const position of tickPositions(yScale, 5)) {
    svg.append(
      svgText(labelAt(yScale, position), {
        x: toX(0) - 6,
        y: toY(position) + 4,
        class: 'tick-label',
        'text-anchor': 'end',
      }),
    );
    svg.append(
      svgElement('line', {
        x1: toX(0),
        x2: toX(1),
        y1: toY(position),
        y2: toY(position),
        class: 'grid-line',
      }),
    );
  }

  svg.append(
    svgText(`params.${param}`, {
      x: toX(0.5),
      y: bottom + 34,
      class: 'axis-title',
      'text-anchor': 'middle',
    }),
  );
  svg.append(svgText(`metrics.${metric} (last)`, { x: 8, y: 14, class: 'axis-title' }));
}
