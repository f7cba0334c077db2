/**
 * Reads one metric of one run back from the `chunks` table: every point, or a
 * downsampled view that reads chunk summaries (chunk-summary.ts) when the series is long
 * enough that whole chunks would be mostly thrown away.
 */
import { downsample, type SeriesPoints, sliceSteps, sortPoints } from '../series/downsample';
import { decodeChunk } from './chunk-codec';
import { SUMMARY_BLOCK_POINTS } from './chunk-summary';
import type { SqlDatabase } from './sql-database';

/** A downsampled series and how many points it stands for. */
export interface DownsampledSeries {
  points: SeriesPoints;
  /** Points in the step range before downsampling. */
  total: number;
}

const RANGE = 'rid = ?1 AND key = ?2 AND max_step >= ?3 AND min_step <= ?4';
const INSIDE = 'min_step >= ?3 AND max_step <= ?4';
const DATA_SQL = `SELECT time_base, data FROM chunks WHERE ${RANGE} ORDER BY chunk`;
const COUNT_SQL = `SELECT coalesce(sum(count), 0) FROM chunks WHERE ${RANGE} AND ${INSIDE}`;
/** A chunk inside the range with a summary gives that; any other chunk gives its data. */
const SUMMARIZED = `${INSIDE} AND length(summary) > 0`;
const OVERVIEW_SQL =
  `SELECT time_base, ${INSIDE}, ${SUMMARIZED}, ` +
  `CASE WHEN ${SUMMARIZED} THEN summary ELSE data END ` +
  `FROM chunks WHERE ${RANGE} ORDER BY chunk`;

function joinParts(parts: SeriesPoints[]): SeriesPoints {
  const total = parts.reduce((sum, part) => sum + part.steps.length, 0);
  const joined: SeriesPoints = {
    steps: new Float64Array(total),
    times: new Float64Array(total),
    values: new Float64Array(total),
  };

  let offset = 0;
  for (const part of parts) {
    joined.steps.set(part.steps, offset);
    joined.times.set(part.times, offset);
    joined.values.set(part.values, offset);
    offset += part.steps.length;
  }

  return joined;
}

/** The points of a chunk with `from <= step <= to`, in stored order (which may be unsorted). */
function pointsInRange(points: SeriesPoints, from: number, to: number): SeriesPoints {
  const kept: number[] = [];
  for (let index = 0; index < points.steps.length; index += 1) {
    const step = points.steps[index] as number;
    if (step >= from && step <= to) {
      kept.push(index);
    }
  }

  if (kept.length === points.steps.length) {
    return points;
  }

  return {
    steps: Float64Array.from(kept, (index) => points.steps[index] as number),
    times: Float64Array.from(kept, (index) => points.times[index] as number),
    values: Float64Array.from(kept, (index) => points.values[index] as number),
  };
}

/** Every point of one metric of one run within a step range, in canonical order. */
export function readSeries(
  db: SqlDatabase,
  rid: number,
  key: string,
  fromStep = -Infinity,
  toStep = Infinity,
): SeriesPoints {
  const parts: SeriesPoints[] = [];
  db.each(DATA_SQL, [rid, key, fromStep, toStep], ([base, data]) => {
    parts.push(decodeChunk(data as Uint8Array, base as number));
  });

  return sliceSteps(sortPoints(joinParts(parts)), fromStep, toStep);
}

/**
 * One metric of one run within a step range, downsampled to about `target` points
 * (see downsample()). Chunks wholly inside the range give their summaries when the
 * range holds enough points for the summaries alone to fill `target`; the chunks at the
 * range's edges are read whole and cut to it.
 */
export function readDownsampledSeries(
  db: SqlDatabase,
  rid: number,
  key: string,
  target: number,
  fromStep = -Infinity,
  toStep = Infinity,
): DownsampledSeries {
  const range = [rid, key, fromStep, toStep];
  const inside = Number(db.first(COUNT_SQL, range)?.[0] ?? 0);
  // Summaries hold about two points per block; with fewer than `target` of them the
  // chart would be coarser than asked, and the few chunks are cheap to read whole.
  if ((inside * 2) / SUMMARY_BLOCK_POINTS < target) {
    const all = readSeries(db, rid, key, fromStep, toStep);
    return { points: downsample(all, target), total: all.steps.length };
  }

  const parts: SeriesPoints[] = [];
  let total = inside;
  db.each(OVERVIEW_SQL, range, ([base, whole, summarized, blob]) => {
    const points = decodeChunk(blob as Uint8Array, base as number);
    if (summarized === 1 || whole === 1) {
      parts.push(points);
      return;
    }

    const cut = pointsInRange(points, fromStep, toStep);
    total += cut.steps.length;
    parts.push(cut);
  });

  return { points: downsample(sortPoints(joinParts(parts)), target), total };
}
