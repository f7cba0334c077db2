/**
 * Keeps secrets out of what Labbook writes down about a command: the command line and params
 * in the record, and the command line in the extension's log. The command itself still runs
 * with its real arguments; only the written copy is redacted. The rules are narrow on purpose,
 * because a redacted argument cannot be rerun: a value that is a known secret (environment.ts),
 * a password inside a URL, the value of a flag named like a secret (`--api-key`, `--token`,
 * `--db-password`), and `NAME=value` where NAME is an environment-style secret name. Tags
 * are redacted as params are, and the recorded environment loses known secret values.
 */
import {
  isSecretName,
  MIN_SCRUB_LENGTH,
  REDACTED,
  redactUrlPasswords,
  urlPasswords,
} from './environment';

/** A flag or param key whose value is a secret: its last word names one. */
const SECRET_WORD = /(token|secret|password|passwd|passphrase|api[-_.]?key|access[-_.]?key)$/i;

const FLAG = /^--?[A-Za-z][\w.-]*$/;
const FLAG_WITH_VALUE = /^(--?[A-Za-z][\w.-]*)=/;

/** `NAME=value` as `env NAME=value command` passes a variable: upper-case names only. */
const VARIABLE_ASSIGNMENT = /^([A-Z_][A-Z0-9_]*)=/;

/** The text with known secret values and URL passwords replaced by `[redacted]`. */
export function redactText(text: string, secrets: readonly string[]): string {
  let result = redactUrlPasswords(text);
  for (const secret of secrets) {
    result = result.replaceAll(secret, REDACTED);
  }

  return result;
}

function isSecretFlag(flag: string): boolean {
  return FLAG.test(flag) && SECRET_WORD.test(flag);
}

/** One argument of a command line: a secret after `prefix`, or text that may hold some. */
interface Argument {
  prefix: string;
  value: string;
  secret: boolean;
}

/** Reads a command line by the rules above: which arguments are secrets as a whole. */
function readArguments(command: readonly string[]): Argument[] {
  const read: Argument[] = [];
  let nextIsSecret = false;
  for (const arg of command) {
    const flag = FLAG_WITH_VALUE.exec(arg)?.[1];
    const variable = VARIABLE_ASSIGNMENT.exec(arg)?.[1];
    if (nextIsSecret) {
      nextIsSecret = false;
      read.push({ prefix: '', value: arg, secret: true });
    } else if (flag && isSecretFlag(flag)) {
      read.push({ prefix: `${flag}=`, value: arg.slice(flag.length + 1), secret: true });
    } else if (variable && isSecretName(variable)) {
      read.push({ prefix: `${variable}=`, value: arg.slice(variable.length + 1), secret: true });
    } else {
      nextIsSecret = isSecretFlag(arg);
      read.push({ prefix: '', value: arg, secret: false });
    }
  }

  return read;
}

/** The command line as it may be written down, with its secrets redacted. */
export function redactCommand(command: readonly string[], secrets: readonly string[]): string[] {
  return readArguments(command).map(({ prefix, value, secret }) =>
    secret ? `${prefix}${REDACTED}` : redactText(value, secrets),
  );
}

/**
 * The secrets a command line carries itself: what {@link redactCommand} redacts, so that the
 * launcher can also remove them from the output it keeps (a script that prints its own
 * arguments, or connects to a URL it was given and says so).
 */
export function commandSecrets(command: readonly string[]): string[] {
  const found = new Set<string>();
  for (const { value, secret } of readArguments(command)) {
    for (const each of secret ? [value] : urlPasswords(value)) {
      found.add(each);
    }
  }

  return [...found].filter((secret) => secret.length >= MIN_SCRUB_LENGTH);
}

/** Params as they may be recorded: secret-named keys and secret values redacted. */
export function redactParams<T>(
  params: Readonly<Record<string, T>>,
  secrets: readonly string[],
): Record<string, T | string> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => {
      if (SECRET_WORD.test(key)) {
        return [key, REDACTED];
      }

      return [key, typeof value === 'string' ? redactText(value, secrets) : value];
    }),
  );
}

/** A map's values with known secret values and URL passwords redacted; its keys as they are. */
export function redactValues(
  values: Readonly<Record<string, string>>,
  secrets: readonly string[],
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, redactText(value, secrets)]),
  );
}
