/**
 * Writes the packed metric points of the `chunks` table, each chunk with its summary
 * (chunk-reader.ts reads them back). Points are appended to a run's last chunk until it
 * holds {@link CHUNK_POINTS}; a live run's partial last chunk is rewritten on each
 * catch-up, which costs at most one chunk per metric.
 */
import type { PointSink } from '../runlog/fold';
import type { SeriesPoints } from '../series/downsample';
import { CHUNK_POINTS, decodeChunk, encodeChunk } from './chunk-codec';
import { summarizeChunk } from './chunk-summary';
import type { SqlDatabase } from './sql-database';

/** The last chunk, with its data only when it is partial (sql.js copies a BLOB bytewise). */
const TAIL_SQL =
  'SELECT chunk, count, time_base, CASE WHEN count < ?3 THEN data END FROM chunks ' +
  'WHERE rid = ?1 AND key = ?2 ORDER BY chunk DESC LIMIT 1';

/**
 * A new series' buffer starts this small and doubles up to a chunk: most metrics of a
 * sweep's runs hold a few dozen points, and zeroing 96 KB for each would dominate.
 */
const FIRST_CAPACITY = 64;

function emptyPoints(capacity: number): SeriesPoints {
  return {
    steps: new Float64Array(capacity),
    times: new Float64Array(capacity),
    values: new Float64Array(capacity),
  };
}
const WRITE_SQL =
  'INSERT OR REPLACE INTO chunks ' +
  '(rid, key, chunk, count, min_step, max_step, time_base, summary, data) ' +
  'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)';

/** Collects one metric's new points and writes them as chunks. */
class SeriesAppender {
  private buffer: SeriesPoints = emptyPoints(FIRST_CAPACITY);

  private count = 0;
  private chunk = 0;
  private timeBase: number;
  private dirty = false;

  constructor(
    private readonly db: SqlDatabase,
    private readonly rid: number,
    private readonly key: string,
    timeBase: number,
  ) {
    this.timeBase = timeBase;
    const tail = db.first(TAIL_SQL, [rid, key, CHUNK_POINTS]);
    if (!tail) {
      return;
    }

    const [chunk, count, base, data] = tail as [number, number, number, Uint8Array | null];
    if (count >= CHUNK_POINTS || !data) {
      this.chunk = chunk + 1;
      return;
    }

    // Continue the partial tail with its own time base, so its stored times stay exact.
    const points = decodeChunk(data, base);
    this.grow(count);
    this.buffer.steps.set(points.steps);
    this.buffer.times.set(points.times);
    this.buffer.values.set(points.values);
    this.count = count;
    this.chunk = chunk;
    this.timeBase = base;
  }

  /** Makes room for at least `needed` points, doubling up to a chunk. */
  private grow(needed: number): void {
    const capacity = this.buffer.steps.length;
    if (needed <= capacity) {
      return;
    }

    const larger = emptyPoints(Math.min(CHUNK_POINTS, Math.max(needed, capacity * 2)));
    larger.steps.set(this.buffer.steps.subarray(0, this.count));
    larger.times.set(this.buffer.times.subarray(0, this.count));
    larger.values.set(this.buffer.values.subarray(0, this.count));
    this.buffer = larger;
  }

  add(step: number, time: number, value: number): void {
    if (this.count === this.buffer.steps.length) {
      this.grow(this.count + 1);
    }

    this.buffer.steps[this.count] = step;
    this.buffer.times[this.count] = time;
    this.buffer.values[this.count] = value;
    this.count += 1;
    this.dirty = true;
    if (this.count === CHUNK_POINTS) {
      this.write();
      this.chunk += 1;
      this.count = 0;
      this.dirty = false;
    }
  }

  private write(): void {
    let minStep = Infinity;
    let maxStep = -Infinity;
    for (let index = 0; index < this.count; index += 1) {
      minStep = Math.min(minStep, this.buffer.steps[index] as number);
      maxStep = Math.max(maxStep, this.buffer.steps[index] as number);
    }

    const data = encodeChunk(this.buffer, this.count, this.timeBase);
    const summary = summarizeChunk(this.buffer, this.count);
    this.db.run(WRITE_SQL, [
      this.rid,
      this.key,
      this.chunk,
      this.count,
      minStep,
      maxStep,
      this.timeBase,
      summary.steps.length > 0
        ? encodeChunk(summary, summary.steps.length, this.timeBase)
        : new Uint8Array(0),
      data,
    ]);
  }

  /** Writes the partial last chunk, if points were added since the last write. */
  flush(): void {
    if (this.dirty && this.count > 0) {
      this.write();
    }

    this.dirty = false;
  }
}

/** A point sink that stores one run's points in the chunks table. */
export class ChunkSink implements PointSink {
  private readonly appenders = new Map<string, SeriesAppender>();

  constructor(
    private readonly db: SqlDatabase,
    private readonly rid: number,
    private readonly timeBase: () => number,
  ) {}

  addPoint(key: string, step: number, time: number, value: number): void {
    let appender = this.appenders.get(key);
    if (!appender) {
      appender = new SeriesAppender(this.db, this.rid, key, this.timeBase());
      this.appenders.set(key, appender);
    }

    appender.add(step, time, value);
  }

  /** Writes every partial chunk. Call once the run's new events are all folded. */
  flush(): void {
    for (const appender of this.appenders.values()) {
      appender.flush();
    }
  }
}
