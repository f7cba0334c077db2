/**
 * SQL LIKE patterns (`%` any run of characters, `_` one character) matched in
 * JavaScript, because SQLite's own LIKE ignores case only for ASCII and has no
 * case-sensitive mode per call. LIKE is case-sensitive and ILIKE is not, as in MLflow.
 */

/** The name under which the index registers {@link likeMatches} as an SQL function. */
export const LIKE_FUNCTION = 'labbook_like';

const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 256;

function patternRegExp(pattern: string, ignoreCase: boolean): RegExp {
  const cacheKey = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let expression = cache.get(cacheKey);
  if (!expression) {
    let source = '';
    for (const char of pattern) {
      source +=
        char === '%' ? '.*' : char === '_' ? '.' : char.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
    }

    expression = new RegExp(`^${source}$`, ignoreCase ? 'isu' : 'su');
    if (cache.size >= CACHE_LIMIT) {
      cache.clear();
    }

    cache.set(cacheKey, expression);
  }

  return expression;
}

/** 1 when `value` matches `pattern`, 0 when not, null when there is no value (SQL style). */
export function likeMatches(value: unknown, pattern: unknown, ignoreCase: unknown): number | null {
  if (value === null || value === undefined || typeof pattern !== 'string') {
    return null;
  }

  return patternRegExp(pattern, Boolean(ignoreCase)).test(String(value)) ? 1 : 0;
}
