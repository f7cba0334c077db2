/**
 * Metric points packed into BLOBs. A row per point costs about 50 bytes and 0.6 M
 * inserts/s in sql.js; a chunk of 4,096 points is one insert and costs about 9 bytes a
 * point, or 5 when the values are float32-exact:
 *
 * - values: float32 when that loses nothing, else float64; deflated when many repeat
 *   (learning rates, epochs), which is the only case where deflating them pays;
 * - steps: nothing when they count up evenly (the usual case), else int32 or float64;
 * - times: milliseconds after the run's start as int32 differences, deflated in chunks
 *   of 1,024 points or more; regular logging squeezes to almost nothing and jittery
 *   logging to about a byte a point.
 *
 * Anything that does not fit these forms falls back to float64, so packing never
 * changes a value except for rounding times to the millisecond.
 *
 * Layout: a 40-byte header, then the value, step and time sections, each padded to 8
 * bytes. Typed arrays use the machine's byte order; the index is a local cache, rebuilt
 * when it cannot be read.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';

import type { SeriesPoints } from '../series/downsample';

/**
 * Points per chunk: large enough that per-row costs vanish, small enough to rewrite a live
 * tail.
 */
export const CHUNK_POINTS = 4096;

const CODEC_VERSION = 2;
const HEADER_BYTES = 40;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
/** Deflate values only when at least this share of them repeat the one before. */
const REPEATS_WORTH_DEFLATING = 0.25;
/**
 * Deflate nothing in a chunk of fewer points: a zlib call costs tens of microseconds
 * however little it does, which dominates reading a summary or a short run's chunk, and
 * saves only a few hundred bytes there.
 */
const FEWEST_POINTS_TO_DEFLATE = 1024;

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
  DeflatedMillisDeltas = 0,
  Float64 = 1,
  MillisDeltas = 2,
}

function isInt32(value: number): boolean {
  return Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;
}

function padded(bytes: number): number {
  return Math.ceil(bytes / 8) * 8;
}

function bytesOf(array: Float32Array | Float64Array | Int32Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/** A copy at offset 0 of a fresh buffer, which every typed-array view can align to. */
function alignedCopy(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

type NumberArrayType = Float64ArrayConstructor | Float32ArrayConstructor | Int32ArrayConstructor;

/** The bytes as numbers: a view when they are aligned for it, which they are in a fresh BLOB. */
function numbersOf<T extends NumberArrayType>(type: T, bytes: Uint8Array): InstanceType<T> {
  const size = type.BYTES_PER_ELEMENT;
  if (bytes.byteOffset % size === 0) {
    const buffer = bytes.buffer as ArrayBuffer;
    return new type(buffer, bytes.byteOffset, bytes.byteLength / size) as InstanceType<T>;
  }

  return new type(alignedCopy(bytes)) as InstanceType<T>;
}

function deflate(bytes: Uint8Array): Uint8Array {
  return deflateRawSync(bytes, { level: 1 });
}

function stepSection(steps: Float64Array): { form: StepForm; stride: number; bytes: Uint8Array } {
  const first = steps[0] ?? 0;
  const stride = steps.length > 1 ? (steps[1] as number) - first : 0;
  let even = true;
  let int32 = true;
  for (let index = 0; index < steps.length; index += 1) {
    const step = steps[index] as number;
    even &&= step === first + index * stride;
    int32 &&= isInt32(step);
  }

  if (even) {
    return { form: StepForm.Even, stride, bytes: new Uint8Array(0) };
  }

  return int32
    ? { form: StepForm.Int32, stride, bytes: bytesOf(Int32Array.from(steps)) }
    : { form: StepForm.Float64, stride, bytes: bytesOf(steps.slice()) };
}

function valueSection(values: Float64Array): {
  form: ValueForm;
  deflated: boolean;
  bytes: Uint8Array;
} {
  let float32 = true;
  let repeats = 0;
  for (let index = 0; index < values.length; index += 1) {
    const value = values[index] as number;
    float32 &&= Object.is(Math.fround(value), value);
    repeats += index > 0 && Object.is(value, values[index - 1]) ? 1 : 0;
  }

  const form = float32 ? ValueForm.Float32 : ValueForm.Float64;
  const raw = bytesOf(float32 ? Float32Array.from(values) : values.slice());
  if (
    values.length < FEWEST_POINTS_TO_DEFLATE ||
    repeats < values.length * REPEATS_WORTH_DEFLATING
  ) {
    return { form, deflated: false, bytes: raw };
  }

  const squeezed = deflate(raw);
  return squeezed.byteLength < raw.byteLength
    ? { form, deflated: true, bytes: squeezed }
    : { form, deflated: false, bytes: raw };
}

function timeSection(times: Float64Array, base: number): { form: TimeForm; bytes: Uint8Array } {
  const deltas = new Int32Array(times.length);
  let previous = 0;
  for (let index = 0; index < times.length; index += 1) {
    const millis = Math.round(((times[index] as number) - base) * 1000);
    const delta = millis - previous;
    if (!isInt32(millis) || !isInt32(delta)) {
      return { form: TimeForm.Float64, bytes: bytesOf(times.slice()) };
    }

    deltas[index] = delta;
    previous = millis;
  }

  return times.length < FEWEST_POINTS_TO_DEFLATE
    ? { form: TimeForm.MillisDeltas, bytes: bytesOf(deltas) }
    : { form: TimeForm.DeflatedMillisDeltas, bytes: deflate(bytesOf(deltas)) };
}

/** Packs the first `count` points; times are stored relative to `timeBase` (Unix seconds). */
export function encodeChunk(points: SeriesPoints, count: number, timeBase: number): Uint8Array {
  const steps = stepSection(points.steps.subarray(0, count));
  const values = valueSection(points.values.subarray(0, count));
  const times = timeSection(points.times.subarray(0, count), timeBase);
  const sections = [values.bytes, steps.bytes, times.bytes];

  const size = HEADER_BYTES + sections.reduce((sum, bytes) => sum + padded(bytes.byteLength), 0);
  const data = new Uint8Array(size);
  const header = new DataView(data.buffer);
  header.setUint8(0, CODEC_VERSION);
  header.setUint8(1, steps.form);
  header.setUint8(2, values.form);
  header.setUint8(3, times.form);
  header.setUint32(4, count, true);
  header.setFloat64(8, points.steps[0] ?? 0, true);
  header.setFloat64(16, steps.stride, true);
  header.setUint32(24, values.bytes.byteLength, true);
  header.setUint8(28, values.deflated ? 1 : 0);
  header.setUint32(32, times.bytes.byteLength, true);

  let offset = HEADER_BYTES;
  for (const bytes of sections) {
    data.set(bytes, offset);
    offset += padded(bytes.byteLength);
  }

  return data;
}

/** Unpacks a chunk written by {@link encodeChunk} with the same `timeBase`. */
export function decodeChunk(data: Uint8Array, timeBase: number): SeriesPoints {
  const header = new DataView(alignedCopy(data.subarray(0, HEADER_BYTES)));
  const stepForm = header.getUint8(1) as StepForm;
  const valueForm = header.getUint8(2) as ValueForm;
  const timeForm = header.getUint8(3) as TimeForm;
  const count = header.getUint32(4, true);
  const first = header.getFloat64(8, true);
  const stride = header.getFloat64(16, true);
  const valueBytes = header.getUint32(24, true);
  const valuesDeflated = header.getUint8(28) === 1;
  const timeBytes = header.getUint32(32, true);

  let offset = HEADER_BYTES;
  const section = (length: number): Uint8Array => {
    const bytes = data.subarray(offset, offset + length);
    offset += padded(length);
    return bytes;
  };

  const points = {
    steps: new Float64Array(count),
    times: new Float64Array(count),
    values: new Float64Array(count),
  };

  const rawValues = section(valueBytes);
  const valueBytesPlain = valuesDeflated ? inflateRawSync(rawValues) : rawValues;
  points.values.set(
    valueForm === ValueForm.Float32
      ? numbersOf(Float32Array, valueBytesPlain)
      : numbersOf(Float64Array, valueBytesPlain),
  );

  if (stepForm === StepForm.Even) {
    for (let index = 0; index < count; index += 1) {
      points.steps[index] = first + index * stride;
    }
  } else if (stepForm === StepForm.Int32) {
    points.steps.set(numbersOf(Int32Array, section(count * 4)));
  } else {
    points.steps.set(numbersOf(Float64Array, section(count * 8)));
  }

  const rawTimes = section(timeBytes);
  if (timeForm === TimeForm.Float64) {
    points.times.set(numbersOf(Float64Array, rawTimes));
    return points;
  }

  const plainTimes = timeForm === TimeForm.MillisDeltas ? rawTimes : inflateRawSync(rawTimes);
  const deltas = numbersOf(Int32Array, plainTimes);
  let millis = 0;
  for (let index = 0; index < count; index += 1) {
    millis += deltas[index] as number;
    points.times[index] = timeBase + millis / 1000;
  }

  return points;
}
