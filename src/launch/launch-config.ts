/**
 * The launcher's settings in the store's `config.json`: how stdout scalars are recognised
 * and which extra environment variables are recorded. A missing file means defaults; a
 * broken one is an error the user can fix, not something to guess around.
 */
import { readFileSync } from 'node:fs';

import { hasControlCharacter } from '../runlog/safe-name';
import type { ScalarPattern } from '../scalars/scalar-line';

/** The launcher's part of `.labbook/config.json`. */
export interface LaunchConfig {
  /** Whether `key: value` lines on stdout become metrics. */
  captureStdout: boolean;
  /** Patterns replacing the default form; undefined keeps the default. */
  scalarPatterns?: ScalarPattern[];
  /** Extra environment variable names (with `*` wildcards) to record. */
  envAllow: string[];
}

/** A setting that cannot be used, with a sentence for the user. */
export class LaunchConfigError extends Error {
  override name = 'LaunchConfigError';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Compiles one stdout scalar pattern; `file` names where it came from in errors. */
export function compilePattern(entry: unknown, file: string): ScalarPattern {
  const spec = typeof entry === 'string' ? { pattern: entry } : entry;
  if (!isObject(spec) || typeof spec.pattern !== 'string') {
    throw new LaunchConfigError(
      `${file}: each stdoutScalars pattern must be a string or {"pattern", "key"}.`,
    );
  }

  let regex: RegExp;
  try {
    regex = new RegExp(spec.pattern);
  } catch (error) {
    throw new LaunchConfigError(`${file}: the pattern ${spec.pattern} is invalid: ${error}.`);
  }

  const key = typeof spec.key === 'string' ? spec.key : undefined;
  if (!key && !spec.pattern.includes('(?<key>')) {
    throw new LaunchConfigError(
      `${file}: the pattern ${spec.pattern} needs a (?<key>…) group or a "key".`,
    );
  }

  if (key !== undefined && hasControlCharacter(key)) {
    throw new LaunchConfigError(
      `${file}: the key ${JSON.stringify(key)} of the pattern ${spec.pattern} holds a ` +
        'control character.',
    );
  }

  if (!spec.pattern.includes('(?<value>')) {
    throw new LaunchConfigError(`${file}: the pattern ${spec.pattern} needs a (?<value>…) group.`);
  }

  return key ? { regex, key } : { regex };
}

/** Reads the launcher's settings from a store's config file. */
export function readLaunchConfig(file: string): LaunchConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { captureStdout: true, envAllow: [] };
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new LaunchConfigError(`${file} is not valid JSON; fix it or delete it.`);
  }

  const root = isObject(parsed) ? parsed : {};
  const scalars = isObject(root.stdoutScalars) ? root.stdoutScalars : {};
  const env = isObject(root.env) ? root.env : {};
  const config: LaunchConfig = {
    captureStdout: scalars.enabled !== false,
    envAllow: Array.isArray(env.allow)
      ? env.allow.filter((name): name is string => typeof name === 'string')
      : [],
  };

  if (Array.isArray(scalars.patterns)) {
    config.scalarPatterns = scalars.patterns.map((entry) => compilePattern(entry, file));
  }

  return config;
}

/**
 * Applies overrides from the environment, which the extension uses to pass its settings
 * to `labbook run`: `LABBOOK_STDOUT_PATTERNS` (a JSON list of patterns) and
 * `LABBOOK_ENV_ALLOW` (comma-separated names, `*` wildcards allowed).
 */
export function withEnvironmentOverrides(
  config: LaunchConfig,
  env: NodeJS.ProcessEnv,
): LaunchConfig {
  const result = { ...config, envAllow: [...config.envAllow] };
  const allow = env.LABBOOK_ENV_ALLOW?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (allow) {
    result.envAllow.push(...allow);
  }

  const patterns = env.LABBOOK_STDOUT_PATTERNS;
  if (patterns) {
    let list: unknown;
    try {
      list = JSON.parse(patterns);
    } catch {
      list = undefined;
    }

    if (!Array.isArray(list)) {
      throw new LaunchConfigError('LABBOOK_STDOUT_PATTERNS must be a JSON list of patterns.');
    }

    if (list.length > 0) {
      result.scalarPatterns = list.map((entry) => compilePattern(entry, 'LABBOOK_STDOUT_PATTERNS'));
    }
  }

  return result;
}
