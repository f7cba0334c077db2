/**
 * How `--param KEY=VALUE` reaches a command: as `LABBOOK_PARAM_<KEY>` environment
 * variables and as `${KEY}` in its arguments. The record keeps them typed, so that
 * `lr=0.01` is the number 0.01 and queries can compare it.
 */
import type { ParamInput } from '../runlog/run-writer';
import { setOwnProperty } from '../runlog/own-property';

/** A param key: what can appear inside `${…}` and, upper-cased, in a variable name. */
const PARAM_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** The prefix of the environment variable that carries each param. */
export const PARAM_ENV_PREFIX = 'LABBOOK_PARAM_';

/** A param given on the command line: the text as typed, and its recorded value. */
export interface CommandParam {
  key: string;
  text: string;
}

/** Splits `KEY=VALUE`, or returns a sentence saying what is wrong with it. */
export function parseAssignment(text: string, flag: string): { key: string; value: string } {
  const equals = text.indexOf('=');
  const key = equals === -1 ? '' : text.slice(0, equals);
  if (!PARAM_KEY.test(key)) {
    throw new RangeError(
      `${flag} "${text}" must look like KEY=VALUE, with a key of letters, digits, _ . or -.`,
    );
  }

  return { key, value: text.slice(equals + 1) };
}

/** The recorded value of a param typed as text: numbers and booleans keep their type. */
export function typedParam(text: string): number | string | boolean {
  if (NUMBER.test(text)) {
    return Number(text);
  }

  if (text === 'true' || text === 'false') {
    return text === 'true';
  }

  return text;
}

/** The environment variable name for a param key: upper case, other characters as `_`. */
export function paramEnvName(key: string): string {
  return PARAM_ENV_PREFIX + key.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}

/** The params as recorded values. */
export function recordedParams(params: readonly CommandParam[]): ParamInput {
  const recorded: ParamInput = {};
  for (const { key, text } of params) {
    setOwnProperty<ParamInput[string]>(recorded, key, typedParam(text));
  }

  return recorded;
}

/** The environment variables that pass the params to the command. */
export function paramEnvironment(params: readonly CommandParam[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { key, text } of params) {
    env[paramEnvName(key)] = text;
  }

  return env;
}

/** Replaces `${KEY}` in each argument by the param's text; unknown names stay as typed. */
export function substituteParams(
  args: readonly string[],
  params: readonly CommandParam[],
): string[] {
  const values = new Map(params.map(({ key, text }) => [key, text]));
  return args.map((arg) =>
    arg.replace(
      /\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}/g,
      (whole, key: string) => values.get(key) ?? whole,
    ),
  );
}
