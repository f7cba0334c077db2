/**
 * Option parsing for subcommands, on node:util's parseArgs, with mistakes turned into
 * one-line user errors that end with the usage.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

import { UserError } from './command';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Every subcommand takes `--store DIR`. */
export const STORE_OPTION = { store: { type: 'string' } } as const;

/** Parses `args` strictly; unknown options and missing values are user errors. */
export function parseOptions<T extends Options>(args: string[], options: T, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
    throw new UserError(`${message}. Usage: ${usage}`);
  }
}

/** Exactly `count` positionals, else a user error that names them. */
export function positionals(values: string[], names: string[], usage: string): string[] {
  if (values.length !== names.length) {
    throw new UserError(`expected ${names.join(' and ')}. Usage: ${usage}`);
  }

  return values;
}

/** A whole number of at least `minimum`, from an option's text. */
export function wholeNumber(
  text: string | undefined,
  option: string,
  minimum: number,
): number | undefined {
  if (text === undefined) {
    return undefined;
  }

  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum) {
    throw new UserError(`${option} takes a whole number of at least ${minimum}, not "${text}".`);
  }

  return value;
}
