/**
 * Parallel coordinates of chosen params and one metric: one line per run across the axes.
 * Dragging along an axis draws a brush; runs outside any brush fade, and the others become
 * the visible runs of every tab. From the keyboard, an axis takes Enter to start a brush,
 * the arrows to move it (with Shift to stretch it) and Delete to remove it.
 */
import {
  type AxisScale,
  type Brush,
  brushBetween,
  labelAt,
  passesBrushes,
  positionOf,
  scaleOf,
} from '../../src/compare-logic/parallel-axes';
import type { PlainValue } from '../../src/compare-logic/run-values';
import type { RunSummary } from '../../src/extension/compare/protocol';
import { svgElement } from '../dom';
import { svgText, tickPositions } from './svg-axes';

/** One axis: its title and how it reads a run. */
export interface ParallelAxis {
  id: string;
  title: string;
  read(run: RunSummary): PlainValue;
}

const HEIGHT = 300;
const MARGIN = { left: 56, right: 80, top: 28, bottom: 16 };
const AXIS_GAP = 130;
const KEY_STEP = 0.05;

/** The plot; keeps its brushes across redraws of the same axes. */
export class ParallelPlot {
  readonly element: SVGSVGElement;
  private brushes = new Map<string, Brush>();
  private axes: ParallelAxis[] = [];
  private runs: readonly RunSummary[] = [];
  private colourOf: (runId: string) => string = () => 'currentColor';

  constructor(private readonly onBrush: (passing: ReadonlySet<string> | null) => void) {
    this.element = svgElement('svg', {
      class: 'parallel-plot',
      role: 'group',
      'aria-label': 'Parallel coordinates',
    });
  }

  /** Draws `runs` over `axes`; brushes of axes no longer shown are dropped. */
  draw(
    runs: readonly RunSummary[],
    axes: ParallelAxis[],
    colourOf: (runId: string) => string,
  ): void {
    this.runs = runs;
    this.axes = axes;
    this.colourOf = colourOf;
    const ids = new Set(axes.map((axis) => axis.id));
    const before = this.brushes.size;
    this.brushes = new Map([...this.brushes].filter(([id]) => ids.has(id)));
    this.render();
    if (this.brushes.size !== before) {
      this.report();
    }
  }

  /** Removes every brush. */
  clearBrushes(): void {
    this.brushes.clear();
    this.render();
    this.report();
  }

  private plotHeight(): number {
    return HEIGHT - MARGIN.top - MARGIN.bottom;
  }

  private xOf(index: number): number {
    return MARGIN.left + index * AXIS_GAP;
  }

  private yOf(position: number): number {
    return MARGIN.top + (1 - position) * this.plotHeight();
  }

  /** Each axis's scale, each run's positions, and whether each run passes the brushes. */
  private evaluate(): { scales: AxisScale[]; positions: (number | null)[][]; passing: boolean[] } {
    const scales = this.axes.map((axis) => scaleOf(this.runs.map((run) => axis.read(run))));
    const positions = this.runs.map((run) =>
      this.axes.map((axis, index) => positionOf(scales[index], axis.read(run))),
    );
    const brushes = this.axes.map((axis) => this.brushes.get(axis.id) ?? null);
    return { scales, positions, passing: passesBrushes(positions, brushes) };
  }

  private render(): void {
    const width = MARGIN.left + MARGIN.right + Math.max(1, this.axes.length - 1) * AXIS_GAP;
    this.element.setAttribute('viewBox', `0 0 ${width} ${HEIGHT}`);
    this.element.setAttribute('width', String(width));
    this.element.setAttribute('height', String(HEIGHT));
    const { scales, positions, passing } = this.evaluate();
    const lines = this.runs.map((run, index) =>
      this.runLine(run, positions[index], passing[index]),
    );
    // Lines that pass go on top, so brushing brings them forward.
    lines.sort(
      (left, right) =>
        Number(left.classList.contains('passing')) - Number(right.classList.contains('passing')),
    );
    this.element.replaceChildren(
      ...lines,
      ...this.axes.flatMap((axis, index) => this.axisNodes(axis, index, scales[index])),
    );
  }

  private runLine(
    run: RunSummary,
    positions: (number | null)[],
    passes: boolean,
  ): SVGPolylineElement {
    const points = positions.flatMap((position, index) =>
      position === null ? [] : [`${this.xOf(index)},${this.yOf(position)}`],
    );
    const line = svgElement('polyline', {
      points: points.join(' '),
      class: passes ? 'run-line passing' : 'run-line',
    });
    line.setAttribute('stroke', this.colourOf(run.id));
    const title = svgElement('title');
    title.textContent = run.name;
    line.append(title);
    return line;
  }

  private axisNodes(axis: ParallelAxis, index: number, scale: AxisScale): SVGElement[] {
    const x = this.xOf(index);
    const nodes: SVGElement[] = [
      svgElement('line', { x1: x, x2: x, y1: this.yOf(0), y2: this.yOf(1), class: 'axis-line' }),
      svgText(axis.title, { x, y: MARGIN.top - 12, class: 'axis-title', 'text-anchor': 'middle' }),
    ];
    for (const position of tickPositions(scale, 5)) {
      nodes.push(
        svgText(labelAt(scale, position), {
          x: x + 6,
          y: this.yOf(position) + 4,
          class: 'tick-label',
        }),
      );
    }

    const brush = this.brushes.get(axis.id);
    if (brush) {
      nodes.push(
        svgElement('rect', {
          x: x - 8,
          width: 16,
          y: this.yOf(brush.to),
          height: Math.max(2, this.yOf(brush.from) - this.yOf(brush.to)),
          class: 'brush',
        }),
      );
    }

    nodes.push(this.hitArea(axis, x, scale, brush));
    return nodes;
  }

  private hitArea(
    axis: ParallelAxis,
    x: number,
    scale: AxisScale,
    brush: Brush | undefined,
  ): SVGRectElement {
    const describe = brush
      ? `kept from ${labelAt(scale, brush.from)} to ${labelAt(scale, brush.to)}`
      : 'no brush';
    const area = svgElement('rect', {
      x: x - 14,
      width: 28,
      y: this.yOf(1),
      height: this.plotHeight(),
      class: 'axis-hit',
      tabindex: 0,
      role: 'slider',
      'aria-label':
        `${axis.title} axis, ${describe}. ` + 'Enter to brush, arrows to move, Delete to clear.',
    });
    area.addEventListener('pointerdown', (event) => this.startDrag(event, axis.id, area));
    area.addEventListener('keydown', (event) => this.onKey(event, axis.id));
    return area;
  }

  private positionAt(event: PointerEvent): number {
    const box = this.element.getBoundingClientRect();
    const scale = box.height / HEIGHT;
    const y = (event.clientY - box.top) / scale;
    return 1 - (y - MARGIN.top) / this.plotHeight();
  }

  private startDrag(event: PointerEvent, axisId: string, area: SVGRectElement): void {
    event.preventDefault();
    area.setPointerCapture(event.pointerId);
    const start = this.positionAt(event);
    const move = (moveEvent: PointerEvent): void => {
      this.brushes.set(axisId, brushBetween(start, this.positionAt(moveEvent)));
      this.render();
    };
    const end = (endEvent: PointerEvent): void => {
      area.removeEventListener('pointermove', move);
      area.removeEventListener('pointerup', end);
      const brush = brushBetween(start, this.positionAt(endEvent));
      // A click without a drag clears the axis's brush, as in most parallel-coordinates tools.
      this.commitBrush(axisId, brush.to - brush.from < 0.01 ? null : brush);
    };
    area.addEventListener('pointermove', move);
    area.addEventListener('pointerup', end);
  }

  private onKey(event: KeyboardEvent, axisId: string): void {
    const brush = this.brushes.get(axisId);
    let next: Brush | null | undefined;
    if (event.key === 'Enter' || event.key === ' ') {
      next = brush ?? { from: 0.25, to: 0.75 };
    } else if (event.key === 'Delete' || event.key === 'Backspace' || event.key === 'Escape') {
      next = null;
    } else if (brush && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      const step = event.key === 'ArrowUp' ? KEY_STEP : -KEY_STEP;
      const shifted = Math.min(1 - brush.to, Math.max(-brush.from, step));
      next = event.shiftKey
        ? brushBetween(brush.from, brush.to + step)
        : { from: brush.from + shifted, to: brush.to + shifted };
    }

    if (next === undefined) {
      return;
    }

    event.preventDefault();
    this.commitBrush(axisId, next);
  }

  /** Sets or removes an axis's brush, redraws, tells the owner, and keeps the axis focused. */
  private commitBrush(axisId: string, brush: Brush | null): void {
    if (brush === null) {
      this.brushes.delete(axisId);
    } else {
      this.brushes.set(axisId, brush);
    }

    this.render();
    this.report();
    this.focusAxis(axisId);
  }

  private focusAxis(axisId: string): void {
    const index = this.axes.findIndex((axis) => axis.id === axisId);
    const areas = this.element.querySelectorAll<SVGRectElement>('.axis-hit');
    areas[index]?.focus();
  }

  private report(): void {
    if (this.brushes.size === 0) {
      this.onBrush(null);
      return;
    }

    const { passing } = this.evaluate();
    this.onBrush(new Set(this.runs.filter((_, index) => passing[index]).map((run) => run.id)));
  }
}
