/**
 * Metric points packed into BLOBs. A row per point costs about 50 bytes and 0.6 M
 * inserts/s in sql.js; a chunk of 4,096 points is one insert, and the typical point
 * costs 8 bytes: a float32 value when that loses nothing, and the time as int32
 * milliseconds after the run's start. Steps that count up evenly (the usual case) are
 * stored as their first step and stride only. Anything that does not fit these forms
 * falls back to float64, so packing never changes a value except for rounding times to
 * the millisecond.
 *
 * Layout: a 24-byte header (format, step/value/time forms, count, first step, stride),
 * then the values, the steps (unless even) and the times, each padded to 8 bytes.
 * Typed arrays use the machine's byte order; the index is a local cache, rebuilt when
 * it cannot be read.
 */
import { emptySeries, type SeriesPoints } from '../series/downsample';

/** Points per chunk: large enough that per-row costs vanish, small enough to rewrite a live tail. */
export const CHUNK_POINTS = 4096;

const CODEC_VERSION = 1;
const HEADER_BYTES = 24;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

const enum StepForm {
  Even = 0,
  Int32 = 1,
  Float64 = 2,
}

const enum ValueForm {
  Float32 = 0,
  Float64 = 1,
}

const enum TimeForm {
  Int32Millis = 0,
  Float64 = 1,
}

function isInt32(value: number): boolean {
  return Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;
}

function stepForm(steps: Float64Array, count: number): { form: StepForm; stride: number } {
  const first = steps[0] ?? 0;
  const stride = count > 1 ? (steps[1] as number) - first : 0;
  let even = true;
  let int32 = true;
  for (let index = 0; index < count; index += 1) {
    const step = steps[index] as number;
    even &&= step === first + index * stride;
    int32 &&= isInt32(step);
  }

  if (even) {
    return { form: StepForm.Even, stride };
  }

  return { form: int32 ? StepForm.Int32 : StepForm.Float64, stride };
}

function valueForm(values: Float64Array, count: number): ValueForm {
  for (let index = 0; index < count; index += 1) {
    const value = values[index] as number;
    if (!Object.is(Math.fround(value), value)) {
      return ValueForm.Float64;
    }
  }

  return ValueForm.Float32;
}

function millisAfter(time: number, base: number): number {
  return Math.round((time - base) * 1000);
}

function timeForm(times: Float64Array, count: number, base: number): TimeForm {
  for (let index = 0; index < count; index += 1) {
    if (!isInt32(millisAfter(times[index] as number, base))) {
      return TimeForm.Float64;
    }
  }

  return TimeForm.Int32Millis;
}

function padded(bytes: number): number {
  return Math.ceil(bytes / 8) * 8;
}

/** Packs the first `count` points; times are stored relative to `timeBase` (Unix seconds). */
export function encodeChunk(points: SeriesPoints, count: number, timeBase: number): Uint8Array {
  const steps = stepForm(points.steps, count);
  const values = valueForm(points.values, count);
  const times = timeForm(points.times, count, timeBase);
  const valueBytes = padded(count * (values === ValueForm.Float32 ? 4 : 8));
  const stepBytes =
    steps.form === StepForm.Even ? 0 : padded(count * (steps.form === StepForm.Int32 ? 4 : 8));
  const timeBytes = padded(count * (times === TimeForm.Int32Millis ? 4 : 8));

  const buffer = new ArrayBuffer(HEADER_BYTES + valueBytes + stepBytes + timeBytes);
  const header = new DataView(buffer);
  header.setUint8(0, CODEC_VERSION);
  header.setUint8(1, steps.form);
  header.setUint8(2, values);
  header.setUint8(3, times);
  header.setUint32(4, count, true);
  header.setFloat64(8, points.steps[0] ?? 0, true);
  header.setFloat64(16, steps.stride, true);

  let offset = HEADER_BYTES;
  const valueArray =
    values === ValueForm.Float32
      ? new Float32Array(buffer, offset, count)
      : new Float64Array(buffer, offset, count);
  valueArray.set(points.values.subarray(0, count));
  offset += valueBytes;

  if (steps.form !== StepForm.Even) {
    const stepArray =
      steps.form === StepForm.Int32
        ? new Int32Array(buffer, offset, count)
        : new Float64Array(buffer, offset, count);
    stepArray.set(points.steps.subarray(0, count));
    offset += stepBytes;
  }

  if (times === TimeForm.Int32Millis) {
    const timeArray = new Int32Array(buffer, offset, count);
    for (let index = 0; index < count; index += 1) {
      timeArray[index] = millisAfter(points.times[index] as number, timeBase);
    }
  } else {
    new Float64Array(buffer, offset, count).set(points.times.subarray(0, count));
  }

  return new Uint8Array(buffer);
}

/** Unpacks a chunk written by {@link encodeChunk} with the same `timeBase`. */
export function decodeChunk(data: Uint8Array, timeBase: number): SeriesPoints {
  if (data.byteLength < HEADER_BYTES) {
    return emptySeries();
  }

  // Typed-array views need aligned offsets, which a copy at offset 0 guarantees.
  const buffer = data.byteOffset % 8 === 0 ? data.buffer : data.slice().buffer;
  const start = data.byteOffset % 8 === 0 ? data.byteOffset : 0;
  const header = new DataView(buffer, start, HEADER_BYTES);
  const stepKind = header.getUint8(1) as StepForm;
  const valueKind = header.getUint8(2) as ValueForm;
  const timeKind = header.getUint8(3) as TimeForm;
  const count = header.getUint32(4, true);
  const first = header.getFloat64(8, true);
  const stride = header.getFloat64(16, true);

  const points = {
    steps: new Float64Array(count),
    times: new Float64Array(count),
    values: new Float64Array(count),
  };

  let offset = start + HEADER_BYTES;
  const valueBytes = count * (valueKind === ValueForm.Float32 ? 4 : 8);
  points.values.set(
    valueKind === ValueForm.Float32
      ? new Float32Array(buffer, offset, count)
      : new Float64Array(buffer, offset, count),
  );
  offset += padded(valueBytes);

  if (stepKind === StepForm.Even) {
    for (let index = 0; index < count; index += 1) {
      points.steps[index] = first + index * stride;
    }
  } else {
    const int32 = stepKind === StepForm.Int32;
    points.steps.set(
      int32 ? new Int32Array(buffer, offset, count) : new Float64Array(buffer, offset, count),
    );
    offset += padded(count * (int32 ? 4 : 8));
  }

  if (timeKind === TimeForm.Int32Millis) {
    const millis = new Int32Array(buffer, offset, count);
    for (let index = 0; index < count; index += 1) {
      points.times[index] = timeBase + (millis[index] as number) / 1000;
    }
  } else {
    points.times.set(new Float64Array(buffer, offset, count));
  }

  return points;
}
