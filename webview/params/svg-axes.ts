/** Axis drawing shared by the scatter and the parallel-coordinates plots. */
import { type AxisScale, niceTicks, positionOf } from '../../src/compare-logic/parallel-axes';
import { svgElement } from '../dom';

/** Positions (0 to 1) worth a tick on this axis, at most about `most` of them. */
export function tickPositions(scale: AxisScale, most: number): number[] {
  if (scale.kind === 'category') {
    const count = scale.categories.length;
    if (count <= 1) {
      return count === 1 ? [0.5] : [];
    }

    const every = Math.ceil(count / most);
    return scale.categories.flatMap((_, index) =>
      index % every === 0 ? [index / (count - 1)] : [],
    );
  }

  if (scale.min === scale.max) {
    return [0.5];
  }

  return niceTicks(scale.min, scale.max, most).flatMap((tick) => positionOf(scale, tick) ?? []);
}

/** An SVG text node holding `text` as data, never as markup. */
export function svgText(text: string, attributes: Record<string, string | number>): SVGTextElement {
  const node = svgElement('text', attributes);
  node.textContent = text;
  return node;
}
