/**
 * Params a person can edit before a run starts, read from the command's own
 * `--flag value` arguments or, for a Python script, from its argparse defaults.
 */

/** `--name value` and `--name=value` pairs of an argv, in order. */
export function flagsOf(argv: readonly string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? '';
    const match = /^--([A-Za-z][\w.-]*)(?:=(.*))?$/.exec(argument);
    if (!match?.[1]) {
      continue;
    }

    if (match[2] !== undefined) {
      flags[match[1]] = match[2];
      continue;
    }

    const next = argv[index + 1];
    if (next !== undefined && !next.startsWith('--')) {
      flags[match[1]] = next;
      index += 1;
    }
  }

  return flags;
}

/** Replaces or appends `--name value` pairs so that argv carries the edited values. */
export function withFlags(argv: readonly string[], values: Record<string, string>): string[] {
  const result = [...argv];
  const pending = new Map(Object.entries(values));

  for (let index = 0; index < result.length; index += 1) {
    const match = /^--([A-Za-z][\w.-]*)(=.*)?$/.exec(result[index] ?? '');
    const name = match?.[1];
    if (!name || !pending.has(name)) {
      continue;
    }

    const value = pending.get(name) ?? '';
    pending.delete(name);
    if (match[2] !== undefined) {
      result[index] = `--${name}=${value}`;
    } else if (result[index + 1] !== undefined && !result[index + 1]?.startsWith('--')) {
      result[index + 1] = value;
      index += 1;
    } else {
      result.splice(index + 1, 0, value);
      index += 1;
    }
  }

  for (const [name, value] of pending) {
    result.push(`--${name}`, value);
  }

  return result;
}

const ADD_ARGUMENT = /add_argument\(\s*["']--([A-Za-z][\w-]*)["'][^)]*?default\s*=\s*([^,)]+)/g;

/** Defaults of `parser.add_argument("--x", ..., default=...)` calls in Python source. */
export function argparseDefaults(source: string): Record<string, string> {
  const defaults: Record<string, string> = {};
  for (const match of source.matchAll(ADD_ARGUMENT)) {
    const [, name, raw] = match;
    if (!name || !raw) {
      continue;
    }

    const value = raw.trim().replace(/^(["'])(.*)\1$/, '$2');
    if (value !== 'None') {
      defaults[name] = value;
    }
  }

  return defaults;
}
