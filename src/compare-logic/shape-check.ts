/**
 * Small composable checks that turn an untrusted value into a typed one or throw a
 * {@link ShapeError} naming where it went wrong. Objects come back rebuilt from their known
 * fields only, so nothing unexpected rides along into the program.
 */

/** Why a value does not have the expected shape. */
export class ShapeError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${path || 'the message'} should be ${expected}`);
    this.name = 'ShapeError';
  }
}

/** Checks a value and returns it typed, or throws a {@link ShapeError}. */
export interface Check<T> {
  (value: unknown, path: string): T;
  /** Set on checks made by {@link optional}: the field may be absent. */
  readonly optional?: true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Any string. */
export const text: Check<string> = (value, path) => {
  if (typeof value !== 'string') {
    throw new ShapeError(path, 'a string');
  }

  return value;
};

/** A finite number. */
export const finite: Check<number> = (value, path) => {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ShapeError(path, 'a finite number');
  }

  return value;
};

/** A safe integer. */
export const integer: Check<number> = (value, path) => {
  if (!Number.isSafeInteger(value)) {
    throw new ShapeError(path, 'an integer');
  }

  return value as number;
};

/** A safe integer of at least zero. */
export const count: Check<number> = (value, path) => {
  const number = integer(value, path);
  if (number < 0) {
    throw new ShapeError(path, 'zero or more');
  }

  return number;
};

/** true or false. */
export const flag: Check<boolean> = (value, path) => {
  if (typeof value !== 'boolean') {
    throw new ShapeError(path, 'true or false');
  }

  return value;
};

/** One of the given strings. */
export function oneOf<T extends string>(...choices: readonly T[]): Check<T> {
  const allowed = new Set<string>(choices);
  return (value, path) => {
    if (typeof value !== 'string' || !allowed.has(value)) {
      throw new ShapeError(path, `one of ${choices.map((choice) => `"${choice}"`).join(', ')}`);
    }

    return value as T;
  };
}

/** Exactly the given number. */
export function exactly<T extends number>(expected: T): Check<T> {
  return (value, path) => {
    if (value !== expected) {
      throw new ShapeError(path, String(expected));
    }

    return expected;
  };
}

/** The checked value or null. */
export function nullable<T>(check: Check<T>): Check<T | null> {
  return (value, path) => (value === null ? null : check(value, path));
}

/** A field that may be absent; absent fields stay absent in the result. */
export function optional<T>(check: Check<T>): Check<T | undefined> {
  const wrapped = (value: unknown, path: string): T | undefined =>
    value === undefined ? undefined : check(value, path);
  return Object.assign(wrapped, { optional: true as const });
}

/** The first check that accepts the value. */
export function either<A, B>(first: Check<A>, second: Check<B>, expected: string): Check<A | B> {
  return (value, path) => {
    try {
      return first(value, path);
    } catch {
      try {
        return second(value, path);
      } catch {
        throw new ShapeError(path, expected);
      }
    }
  };
}

/** An array whose every item passes `item`. */
export function list<T>(item: Check<T>): Check<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) {
      throw new ShapeError(path, 'an array');
    }

    return value.map((entry, index) => item(entry, `${path}[${index}]`));
  };
}

/** An object used as a map from string keys to values that pass `item`. */
export function dictionary<T>(item: Check<T>): Check<Record<string, T>> {
  return (value, path) => {
    if (!isRecord(value)) {
      throw new ShapeError(path, 'an object');
    }

    const result: Record<string, T> = {};
    for (const [key, entry] of Object.entries(value)) {
      // A key such as "__proto__" must become data, not the result's prototype.
      Object.defineProperty(result, key, {
        value: item(entry, `${path}[${JSON.stringify(key)}]`),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }

    return result;
  };
}

/** The checks of each field of an object type. */
export type Fields<T> = { [K in keyof T]-?: Check<T[K]> };

/** An object with exactly the listed fields kept; other fields are dropped. */
export function record<T>(fields: Fields<T>): Check<T> {
  return (value, path) => {
    if (!isRecord(value)) {
      throw new ShapeError(path, 'an object');
    }

    const result: Record<string, unknown> = {};
    for (const [name, check] of Object.entries(fields) as [string, Check<unknown>][]) {
      const fieldPath = path ? `${path}.${name}` : name;
      if (value[name] === undefined && check.optional) {
        continue;
      }

      result[name] = check(value[name], fieldPath);
    }

    return result as T;
  };
}

/** A discriminated union: the `type` field picks the check of the rest. */
export function tagged<T extends { type: string }>(variants: {
  [K in T['type']]: Check<Extract<T, { type: K }>>;
}): Check<T> {
  const table = variants as Record<string, Check<T>>;
  return (value, path) => {
    if (!isRecord(value) || typeof value.type !== 'string') {
      throw new ShapeError(path, 'an object with a "type"');
    }

    if (!Object.prototype.hasOwnProperty.call(table, value.type)) {
      throw new ShapeError(`${path ? path + '.' : ''}type`, 'a known message type');
    }

    return table[value.type](value, path);
  };
}
