/**
 * A chunk's summary: the few points of it that a chart drawn from many more points than
 * it has pixels can show. The chunk is cut into blocks of {@link SUMMARY_BLOCK_POINTS}
 * points in stored order, and each block keeps its lowest and highest value and its
 * first NaN; the chunk's first and last points stay as well.
 *
 * A downsample to a few thousand points of a long series then reads summaries, about a
 * sixteenth of the points, instead of every chunk: sql.js copies a BLOB out of its heap
 * one byte at a time, so bytes read are what a long series costs. Every spike survives,
 * because a spike is the lowest or highest value of its block; the price is that a
 * chart bucket's edges move to a block's edge, at most 32 points away.
 */
import type { SeriesPoints } from '../series/downsample';

/**
 * Points per summary block. Smaller blocks serve shorter series but cost more bytes: at
 * 32, a summary is about a tenth of its chunk's size.
 */
export const SUMMARY_BLOCK_POINTS = 32;

function keptIndices(points: SeriesPoints, count: number): number[] {
  const kept: number[] = [];
  const values = points.values;
  const keep = (index: number): void => {
    if (index >= 0 && index !== kept[kept.length - 1]) {
      kept.push(index);
    }
  };

  for (let start = 0; start < count; start += SUMMARY_BLOCK_POINTS) {
    const end = Math.min(count, start + SUMMARY_BLOCK_POINTS);
    let minIndex = -1;
    let maxIndex = -1;
    let nanIndex = -1;
    for (let index = start; index < end; index += 1) {
      const value = values[index] as number;
      if (Number.isNaN(value)) {
        nanIndex = nanIndex === -1 ? index : nanIndex;
        continue;
      }

      // Strict comparisons keep the first of equal values, as downsample() does.
      if (minIndex === -1 || value < (values[minIndex] as number)) {
        minIndex = index;
      }

      if (maxIndex === -1 || value > (values[maxIndex] as number)) {
        maxIndex = index;
      }
    }

    // The block's first point of the chunk, its chosen points in index order, and the
    // chunk's last point, without allocating for each block.
    keep(start === 0 ? 0 : -1);
    const low = Math.min(minIndex, maxIndex);
    const high = Math.max(minIndex, maxIndex);
    if (nanIndex === -1 || nanIndex > high) {
      keep(low);
      keep(high);
      keep(nanIndex);
    } else if (nanIndex > low) {
      keep(low);
      keep(nanIndex);
      keep(high);
    } else {
      keep(nanIndex);
      keep(low);
      keep(high);
    }

    keep(end === count ? end - 1 : -1);
  }

  return kept;
}

/**
 * Chunks of fewer points have no summary (an empty one): it would hold most of their
 * points again, and the reader reads such a chunk whole instead.
 */
export const FEWEST_POINTS_TO_SUMMARIZE = 8 * SUMMARY_BLOCK_POINTS;

/**
 * The summary points of the first `count` points of a chunk, in their stored order; none
 * for a chunk of fewer than {@link FEWEST_POINTS_TO_SUMMARIZE} points.
 */
export function summarizeChunk(points: SeriesPoints, count: number): SeriesPoints {
  const kept = count < FEWEST_POINTS_TO_SUMMARIZE ? [] : keptIndices(points, count);
  const summary: SeriesPoints = {
    steps: new Float64Array(kept.length),
    times: new Float64Array(kept.length),
    values: new Float64Array(kept.length),
  };

  kept.forEach((source, target) => {
    summary.steps[target] = points.steps[source] as number;
    summary.times[target] = points.times[source] as number;
    summary.values[target] = points.values[source] as number;
  });

  return summary;
}
