/**
 * Keys of params, tags and metrics are text from scripts, and `__proto__` is a valid one.
 * Assigning it to a plain object (`object[key] = value`) would change the object's prototype
 * instead of adding the key, losing the value; so such objects are filled through here.
 */

/** Sets `key` on `target` as an ordinary own property, whatever the key. */
export function setOwnProperty<T>(target: Record<string, T>, key: string, value: T): void {
  // Only `__proto__` is an accessor on Object.prototype; every other key, `constructor`
  // and `toString` included, becomes an own property by plain assignment, which is several
  // times cheaper than defining it, and index reads fill thousands of these per page.
  if (key !== '__proto__') {
    target[key] = value;
    return;
  }

  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
